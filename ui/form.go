package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/elements"
	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// FormSubmitter submits the Elements forms of messages where the pod
// offers a way to: the tutti simulator does; a real pod has no public
// call for it, and its forms stay read-only.
type FormSubmitter interface {
	CanSubmitForms(ctx context.Context) (bool, error)
	SubmitForm(ctx context.Context, f symphony.FormSubmission) error
}

// formSubmitTimeout bounds one submission.
const formSubmitTimeout = 30 * time.Second

// formsSupport is what is known of the pod's taking forms.
type formsSupport int

const (
	formsUnknown formsSupport = iota
	formsAsking
	formsTaken
	formsRefused
)

// formsReadOnly says why a form cannot be filled in here.
const formsReadOnly = "this pod has no public API to submit a form: answer it in Symphony's own client (the tutti simulator takes forms)"

// formState is the form being filled in (modeForm): the message it
// belongs to, the form, what was entered, where the cursor is.
type formState struct {
	msgID  string // the message holding the form
	author string // who sent it, for the title
	form   elements.Form
	filled elements.Filled
	// focus is the field under the cursor, len(form.Fields) for the
	// buttons; opt the choice under the cursor in each field, button the
	// button under the cursor.
	focus, button int
	opt           []int
	problem       string // why the last press was refused, or failed
	sending       bool
	off           int
}

// formsState is the model's forms: the one open, the drafts of those
// closed unsent, the answers sent, and whether the pod takes them.
type formsState struct {
	cur     formState
	drafts  map[string]elements.Filled // by message id and form id
	sent    map[string]string          // the button pressed, by message id
	support formsSupport
	// pending is the form to open once the pod says it takes forms.
	pending *formState
}

// formProbeMsg is the pod's answer to whether it takes forms.
type formProbeMsg struct {
	ok  bool
	err error
}

// formSentMsg is the pod's answer to a submission.
type formSentMsg struct {
	msgID, action string
	err           error
}

// formKey names a form of a message, for its draft.
func formKey(msgID, formID string) string { return msgID + "\x00" + formID }

// hasForm reports whether a message row holds a form.
func hasForm(r history.Row) bool {
	return r.Kind == history.RowMessage && r.Message != nil && !r.Suppressed && strings.Contains(r.Message.PML, "<form")
}

// openForm fills in the form of the selected message of s (with none
// selected, of the newest): where the pod takes forms, it opens over the
// timeline; where it does not, a notice says so.
func (m *Model) openForm(s *stream) tea.Cmd {
	r, ok := m.actionMessage(s, "fill in")
	if !ok {
		return nil
	}
	if !hasForm(r) {
		m.notify("no form in this message", false)
		return nil
	}
	forms := elements.Forms(r.Message.PML)
	if len(forms) == 0 {
		m.notify("this message's form has no id: it cannot be answered", true)
		return nil
	}
	st := formState{msgID: r.Message.ID, author: m.userName(r.Message.User), form: forms[0]}
	st.filled = st.form.Initial()
	if d, ok := m.forms.drafts[formKey(st.msgID, st.form.ID)]; ok {
		st.filled = d
	}
	st.opt = make([]int, len(st.form.Fields))
	if len(st.form.Fields) == 0 {
		st.focus = 0 // the buttons
	}
	switch m.forms.support {
	case formsTaken:
		m.showForm(st)
	case formsRefused:
		m.notify(formsReadOnly, false)
	case formsAsking:
		m.forms.pending = &st
	default:
		if m.deps.Forms == nil {
			m.notify(formsReadOnly, false)
			return nil
		}
		m.forms.support, m.forms.pending = formsAsking, &st
		ctx, f := m.ctx, m.deps.Forms
		return func() tea.Msg {
			ok, err := f.CanSubmitForms(ctx)
			return formProbeMsg{ok: ok, err: err}
		}
	}
	return nil
}

// showForm opens st over the timeline area.
func (m *Model) showForm(st formState) {
	m.endTyping()
	if m.mode == modeComposer {
		m.leaveCompose()
	}
	m.forms.cur = st
	m.cover(modeForm)
}

// closeForm keeps what was entered as the form's draft and closes it.
func (m *Model) closeForm() {
	f := &m.forms.cur
	if m.forms.drafts == nil {
		m.forms.drafts = map[string]elements.Filled{}
	}
	m.forms.drafts[formKey(f.msgID, f.form.ID)] = f.filled
	m.forms.cur = formState{}
	m.uncover()
}

// handleFormMsg takes the pod's answers: whether it takes forms, and what
// a submission came to.
func (m *Model) handleFormMsg(msg tea.Msg) {
	switch msg := msg.(type) {
	case formProbeMsg:
		st := m.forms.pending
		m.forms.pending = nil
		switch {
		case msg.err != nil:
			m.forms.support = formsUnknown // asked again next time
			m.notify("whether the pod takes forms: "+sanitize.Line(msg.err.Error()), true)
		case !msg.ok:
			m.forms.support = formsRefused
			m.notify(formsReadOnly, false)
		default:
			m.forms.support = formsTaken
			if st != nil && m.mode.quits() {
				m.showForm(*st)
			}
		}
	case formSentMsg:
		f := &m.forms.cur
		open := m.mode == modeForm && f.msgID == msg.msgID
		if open {
			f.sending = false
		}
		if msg.err != nil {
			text := "form not sent: " + sanitize.Line(msg.err.Error())
			if open {
				f.problem = text
			} else {
				m.notify(text, true)
			}
			return
		}
		if m.forms.sent == nil {
			m.forms.sent = map[string]string{}
		}
		m.forms.sent[msg.msgID] = msg.action
		if open {
			delete(m.forms.drafts, formKey(f.msgID, f.form.ID))
			m.forms.cur = formState{}
			m.uncover()
		}
		m.notify("form sent: "+msg.action, false)
	}
}

// handleFormKey moves in the form, edits its fields, presses its buttons
// or closes it.
func (m *Model) handleFormKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Form
	f := &m.forms.cur
	if f.sending {
		if key.Matches(msg, k.Close) {
			m.closeForm()
		}
		return nil
	}
	n := len(f.form.Fields)
	onButtons := f.focus >= n
	var fd *elements.Field
	if !onButtons {
		fd = &f.form.Fields[f.focus]
	}
	switch {
	case key.Matches(msg, k.Close):
		m.closeForm()
		return nil
	case key.Matches(msg, k.Next):
		f.focus = min(n, f.focus+1)
		return nil
	case key.Matches(msg, k.Prev):
		f.focus = max(0, f.focus-1)
		return nil
	case key.Matches(msg, k.Press):
		if onButtons {
			return m.pressButton()
		}
		f.focus = min(n, f.focus+1)
		return nil
	case key.Matches(msg, k.Left), key.Matches(msg, k.Right):
		d := 1
		if key.Matches(msg, k.Left) {
			d = -1
		}
		switch {
		case onButtons:
			f.button = max(0, min(len(f.form.Buttons)-1, f.button+d))
		case fd.Disabled:
		case fd.Kind == elements.Select && !fd.Multiple:
			f.chooseOnly(f.focus, (f.current(f.focus)+d+len(fd.Options))%max(1, len(fd.Options)))
		case len(fd.Options) > 0:
			f.opt[f.focus] = max(0, min(len(fd.Options)-1, f.opt[f.focus]+d))
		case fd.Kind == elements.Person || fd.Kind == elements.Room:
			f.opt[f.focus] = max(0, f.opt[f.focus]+d)
		}
		return nil
	}
	if onButtons || fd.Disabled {
		return nil
	}
	f.problem = ""
	i := f.focus
	switch fd.Kind {
	case elements.Checkbox, elements.Radio, elements.Select:
		if key.Matches(msg, k.Toggle) {
			f.toggle(i)
		}
	case elements.Person, elements.Room:
		if key.Matches(msg, k.Toggle) {
			m.pickID(i)
			return nil
		}
		q := []rune(f.filled.Text[i])
		if msg.String() == "backspace" && len(q) == 0 && len(f.filled.IDs[i]) > 0 {
			f.filled.IDs[i] = f.filled.IDs[i][:len(f.filled.IDs[i])-1]
			return nil
		}
		if q, ok := editQuery(q, msg); ok {
			f.filled.Text[i], f.opt[i] = string(q), 0
		}
	default:
		if fd.Kind == elements.TextArea && key.Matches(msg, k.Newline) {
			f.filled.Text[i] += "\n"
			return nil
		}
		if q, ok := editQuery([]rune(f.filled.Text[i]), msg); ok {
			f.filled.Text[i] = string(q)
		}
	}
	return nil
}

// current returns the first option chosen of field i, 0 when none is.
func (f *formState) current(i int) int {
	return max(0, slices.Index(f.filled.Chosen[i], true))
}

// chooseOnly chooses option j of field i alone.
func (f *formState) chooseOnly(i, j int) {
	for k := range f.filled.Chosen[i] {
		f.filled.Chosen[i][k] = k == j
	}
}

// toggle checks or unchecks the option under the cursor of field i; for
// radio buttons and a single drop-down, chooses it alone.
func (f *formState) toggle(i int) {
	fd := &f.form.Fields[i]
	j := f.opt[i]
	if j >= len(fd.Options) {
		return
	}
	if fd.Kind == elements.Radio || fd.Kind == elements.Select && !fd.Multiple {
		f.chooseOnly(i, j)
		return
	}
	f.filled.Chosen[i][j] = !f.filled.Chosen[i][j]
}

// idCandidates returns what the name typed in a person or room selector
// may be: the people of the directory of names, or the rooms of the list,
// by fuzzy score; ids and names.
func (m *Model) idCandidates(fd *elements.Field, typed string) (ids, labels []string) {
	q := strings.TrimSpace(typed)
	if q == "" {
		return nil, nil
	}
	type hit struct {
		id, name string
		score    int
	}
	var hits []hit
	if fd.Kind == elements.Person {
		for id, name := range m.names.Users() {
			if sc, ok := fuzzyScore(q, name); ok {
				hits = append(hits, hit{fmt.Sprint(id), name, sc})
			}
		}
	} else {
		for _, s := range m.streams {
			if s.kind != KindRoom {
				continue
			}
			if sc, ok := fuzzyScore(q, s.name); ok {
				hits = append(hits, hit{s.id, s.name, sc})
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return strings.Compare(a.name, b.name)
	})
	for _, h := range hits[:min(len(hits), maxCandidates)] {
		ids, labels = append(ids, h.id), append(labels, h.name)
	}
	return ids, labels
}

// pickID adds the candidate under the cursor of a person or room
// selector to its ids, and clears what was typed.
func (m *Model) pickID(i int) {
	f := &m.forms.cur
	ids, _ := m.idCandidates(&f.form.Fields[i], f.filled.Text[i])
	if len(ids) == 0 {
		return
	}
	id := ids[min(f.opt[i], len(ids)-1)]
	if !slices.Contains(f.filled.IDs[i], id) {
		f.filled.IDs[i] = append(f.filled.IDs[i], id)
	}
	f.filled.Text[i], f.opt[i] = "", 0
}

// idLabel names an id of a person or room selector.
func (m *Model) idLabel(kind elements.Kind, id string) string {
	if kind == elements.Room {
		if s := m.streams[symphony.CanonicalID(id)]; s != nil {
			return s.name
		}
		return "room " + id[:min(8, len(id))]
	}
	var uid int64
	if _, err := fmt.Sscan(id, &uid); err == nil {
		return m.personName(uid)
	}
	return id
}

// pressButton presses the button under the cursor: a reset button puts
// the initial values back; a cancel button closes the form, sending
// nothing; an action button checks the form and submits it with the
// button's name as its action.
func (m *Model) pressButton() tea.Cmd {
	f := &m.forms.cur
	if len(f.form.Buttons) == 0 {
		f.problem = "this form has no button: it cannot be sent"
		return nil
	}
	b := f.form.Buttons[min(f.button, len(f.form.Buttons)-1)]
	switch b.Kind {
	case elements.ButtonReset:
		f.filled, f.problem = f.form.Initial(), ""
		return nil
	case elements.ButtonCancel:
		m.closeForm()
		return nil
	}
	if p, bad := f.form.Check(f.filled); bad {
		f.problem, f.focus = p.Reason, p.Field
		return nil
	}
	if m.deps.Forms == nil {
		f.problem = formsReadOnly
		return nil
	}
	f.sending, f.problem = true, ""
	// The button pressed goes in the submission's action, not among the
	// values: the pod puts it there in the event.
	values := f.form.Values(f.filled, b.Name)
	delete(values, "action")
	sub := symphony.FormSubmission{MessageID: f.msgID, FormID: f.form.ID, Action: b.Name, Values: values}
	ctx, fs, label := m.ctx, m.deps.Forms, b.Text
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, formSubmitTimeout)
		defer cancel()
		err := fs.SubmitForm(ctx, sub)
		if err != nil {
			err = fmt.Errorf("submit form %s: %w", sub.FormID, err)
		}
		return formSentMsg{msgID: sub.MessageID, action: label, err: err}
	}
}

// prepareForm lays the form out over the timeline area, w×h: a title, a
// line per field (its name, then its value or choices), the buttons, and
// what the last press came to.
func (m *Model) prepareForm(w, h int) {
	st := &m.styles
	f := &m.forms.cur
	k := m.keys.Form
	title := " ▤ form " + f.form.ID + " from " + f.author
	lines := append(m.swLines[:0], st.title+truncate(title, w)+st.reset, "")
	labelW := 0
	for _, fd := range f.form.Fields {
		lw := ansi.StringWidth(fieldName(&fd)) + 2
		if fd.Required {
			lw += 2 // " *"
		}
		labelW = max(labelW, lw)
	}
	labelW = min(labelW, max(8, w/3))
	var body []string
	focusLine := 0
	for i := range f.form.Fields {
		if i == f.focus {
			focusLine = len(body)
		}
		body = append(body, m.formFieldLines(i, labelW, w)...)
	}
	var bl strings.Builder
	bl.WriteString("   ")
	for j, b := range f.form.Buttons {
		label := "[ " + b.Text + " ]"
		if f.focus >= len(f.form.Fields) && j == f.button {
			label = st.selected + label + st.reset
		}
		bl.WriteString(label + "  ")
	}
	if f.focus >= len(f.form.Fields) {
		focusLine = len(body) + 1
	}
	body = append(body, "", truncate(bl.String(), w))
	rows := max(1, h-len(lines)-2)
	if focusLine < f.off {
		f.off = focusLine
	}
	if focusLine >= f.off+rows {
		f.off = focusLine - rows + 1
	}
	f.off = max(0, min(f.off, len(body)-rows))
	lines = append(lines, body[f.off:min(len(body), f.off+rows)]...)
	var foot string
	switch {
	case f.sending:
		foot = st.dim + "   sending…" + st.reset
	case f.problem != "":
		foot = st.bad + "   " + sanitize.Line(f.problem) + st.reset
	case m.forms.sent[f.msgID] != "":
		foot = st.dim + "   sent before: " + m.forms.sent[f.msgID] + "; sending again answers again" + st.reset
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	if foot != "" {
		lines[len(lines)-1] = truncate(foot, w)
	}
	hint := "   " + firstKey(k.Next) + "/" + firstKey(k.Prev) + " field · ←/→ choice · " + firstKey(k.Toggle) + " check · " +
		firstKey(k.Press) + " press · " + firstKey(k.Close) + " close (kept)"
	lines = append(lines, st.dim+truncate(hint, w)+st.reset)
	m.swLines = lines
	m.overlay = lines
}

// formFieldLines lays out field i: its name in a column labelW wide, a
// mark when the cursor is on it, and its value.
func (m *Model) formFieldLines(i, labelW, w int) []string {
	st := &m.styles
	f := &m.forms.cur
	fd := &f.form.Fields[i]
	focused := i == f.focus
	mark := "   "
	if focused {
		mark = " › "
	}
	name := fieldName(fd)
	if fd.Required {
		name += " *"
	}
	head := mark + pad(truncate(name, labelW-1), labelW)
	valW := max(4, w-ansi.StringWidth(head))
	cursor := ""
	if focused {
		cursor = "\x1b[7m \x1b[27m"
	}
	var val string
	switch fd.Kind {
	case elements.Checkbox, elements.Radio, elements.Select:
		if fd.Kind == elements.Select && !fd.Multiple {
			j := f.current(i)
			text := fd.Placeholder
			if j < len(fd.Options) && f.filled.Chosen[i][j] {
				text = fd.Options[j].Text
			}
			val = "‹ " + text + " › " + st.dim + fmt.Sprintf("%d/%d", j+1, len(fd.Options)) + st.reset
			break
		}
		var parts []string
		for j, o := range fd.Options {
			box := "[ ]"
			if fd.Kind == elements.Radio {
				box = "( )"
			}
			if f.filled.Chosen[i][j] {
				box = "[x]"
				if fd.Kind == elements.Radio {
					box = "(•)"
				}
			}
			p := box + " " + o.Text
			if focused && j == f.opt[i] {
				p = st.selected + p + st.reset
			}
			parts = append(parts, p)
		}
		val = strings.Join(parts, "  ")
	case elements.Person, elements.Room:
		var parts []string
		for _, id := range f.filled.IDs[i] {
			parts = append(parts, m.idLabel(fd.Kind, id))
		}
		val = strings.Join(parts, ", ")
		if focused {
			if val != "" {
				val += ", "
			}
			typed := f.filled.Text[i]
			val += typed + cursor
			if _, labels := m.idCandidates(fd, typed); len(labels) > 0 {
				j := min(f.opt[i], len(labels)-1)
				val += st.dim + "  → " + labels[j] + fmt.Sprintf(" (%d/%d, space adds)", j+1, len(labels)) + st.reset
			}
		}
	default:
		text := f.filled.Text[i]
		switch {
		case fd.Masked && text != "":
			text = strings.Repeat("•", len([]rune(text)))
		case fd.Kind == elements.TextArea:
			text = strings.ReplaceAll(text, "\n", " ⏎ ")
		}
		if text == "" && !focused {
			val = st.dim + cmp.Or(fd.Placeholder, fd.Kind.String()) + st.reset
		} else {
			// The end of a long text shows, where typing goes.
			if tw := ansi.StringWidth(text); focused && tw > valW-2 {
				text = "…" + ansi.TruncateLeft(text, tw-(valW-3), "")
			}
			val = text + cursor
		}
	}
	if fd.Disabled {
		val = st.dim + ansi.Strip(val) + " (read-only)" + st.reset
	}
	line := head + val
	if focused {
		line = st.bold + head + st.reset + val
	}
	return []string{truncate(line, w)}
}

// fieldName is what the form's column of names calls a field: its label,
// else its name (its placeholder shows in its value).
func fieldName(fd *elements.Field) string {
	return cmp.Or(fd.Label, fd.Name)
}

// fillFormCommand opens the form of the focused pane's selected message.
func (m *Model) fillFormCommand() tea.Cmd {
	s := m.streams[m.open]
	if s == nil {
		return nil
	}
	return m.openForm(s)
}
