package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/desktop"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/keymap"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// Deps are what the UI works with, built by the command that starts it.
type Deps struct {
	// Context bounds the history fetches; nil means context.Background.
	Context context.Context
	// Items are the engine's items; the UI reads them until the channel is
	// closed. Nil shows no live traffic.
	Items <-chan engine.Item
	// Pager fetches history pages; nil loads no history.
	Pager *history.Pager
	// Streams are the streams known at start.
	Streams []StreamInfo
	// Names are the names of users and streams known at start; the UI
	// owns the directory from New on and learns into it from every event
	// and history page. Nil starts with none.
	Names *names.Directory
	// Me is the reader's user id.
	Me int64
	// Host is shown in the status bar: "simulator" or the pod's host.
	Host string
	// Badge, when set, is shown first in the status bar, in the warning
	// style, and kept however narrow the bar: "REPLAY" for a replayed
	// recording.
	Badge string
	// Now gives the time; nil means time.Now.
	Now func() time.Time
	// Location is the time zone of the timeline; nil means time.Local.
	Location *time.Location
	// Send sends a message from the composer; nil makes every stream
	// read-only.
	Send SendFunc
	// UpdateMessage edits one of the reader's messages
	// (symphony.Client.UpdateMessage); nil offers no editing.
	UpdateMessage UpdateFunc
	// Saved is what a previous run kept (read markers, drafts, panes);
	// nil starts afresh.
	Saved *Saved
	// Save keeps the UI's state; it is called from a command every
	// saveEvery seconds. Nil saves nothing.
	Save func(Saved) error
	// Settings are the tui: section of the configuration; nil means
	// tuiconfig.Defaults().
	Settings *tuiconfig.Settings
	// NoColor makes every theme mono: the program sets it when the NO_COLOR
	// environment variable is set to anything but the empty string
	// (https://no-color.org). The UI does not read the environment.
	NoColor bool
	// Exchanges returns the client's last HTTP calls, for the inspector;
	// nil shows none.
	Exchanges func() []symphony.Exchange
	// OpenURL opens an http, https or mailto URL outside the terminal (a
	// browser, a mail client); nil opens nothing.
	OpenURL func(url string) error
	// FetchMessage fetches a message by id (symphony.Client.Message), for
	// the inspector to show a message known only from history whole; nil
	// shows what the timeline keeps of it.
	FetchMessage func(ctx context.Context, id string) (msg symphony.V4Message, found bool, err error)
	// ReconnectNow asks the datafeed to end its back-off wait and try
	// again at once (feed.Options.RetryNow); nil offers nothing.
	ReconnectNow func()
	// Prioritize names the streams the engine should catch up from
	// history first (engine.Engine.Prioritize): the UI names those on
	// screen whenever they change. Nil names none.
	Prioritize func(streamIDs ...string)
	// Attachment downloads a message's file (symphony.Client.Attachment)
	// into DownloadDir; nil, or DownloadDir "", saves none.
	Attachment  AttachmentFunc
	DownloadDir string
	// OpenFile opens a saved file outside the terminal with the system's
	// opener, as OpenURL opens links; nil opens none.
	OpenFile func(path string) error
	// AnswerConnection accepts or rejects a pending connection request;
	// nil answers none.
	AnswerConnection AnswerConnectionFunc
	// SendFiles sends a message with the files its "/attach PATH" lines
	// name (upload.go); nil attaches none.
	SendFiles SendFilesFunc
	// Connect asks a user of another pod to connect; nil asks none.
	Connect RequestConnectionFunc
	// SearchMessages searches the messages of every stream
	// (symphony.Client.SearchMessages) for the switcher's search across
	// streams; nil offers none.
	SearchMessages SearchFunc
	// People answers the room info, members and profile overlays and the
	// presence marks (symphony.Client); nil offers none of them.
	People People
	// Notify is how desktop notifications show (desktop.Detect or the
	// configuration's tui.notify.method); desktop.Off for none. InTmux
	// wraps their escapes for tmux. Run runs a notification command.
	Notify desktop.Method
	InTmux bool
	Run    RunFunc
	// Signals lists the account's Symphony signals, which become
	// read-only watch rules; nil for none.
	Signals SignalsFunc
	// SaveWatch writes the user's watch rules to the config file; nil
	// when there is none.
	SaveWatch SaveWatchFunc
	// Forms submits Elements forms where the pod takes them (the tutti
	// simulator; symphony.Client); nil keeps every form read-only.
	Forms FormSubmitter
}

// Model is the root model of the terminal UI. Its state is grouped by
// what it belongs to and how long it lives: the environment fixed at New,
// the names, the stream list, the panes, the overlays, the composer, the
// notices and bell, and the frame that prepare lays out for View.
type Model struct {
	env
	names *names.Directory // users and streams by name (names.Directory)
	listState
	paneState
	overlays
	composerState
	files fileState // attachments saved, connection requests answered
	alerts
	frame
	acts msgActState // edit, reply or forward in the composer (msgactions.go)
}

// env is what New fixes for the life of the model: the dependencies, the
// clock and the settings of the tui: section.
type env struct {
	deps    Deps
	ctx     context.Context
	keys    keymap.KeyMap
	loc     *time.Location
	now     func() time.Time
	meStr   string // the reader's user id, as mentions carry it
	host    string
	badge   string
	started int64 // when the UI started, ms: what came later is unread

	theme      tuiconfig.Theme
	timeFormat string
	bell       Bell
	mouse      bool
	links      bool // OSC 8 hyperlinks
	maxRows    int  // rows a stream's timeline keeps
	// hideMembership hides membership rows (joins, leaves, owners).
	hideMembership bool
	// systemEvents shows the pod's generic system events in Activity.
	systemEvents bool
}

// listState is the stream list: every stream the UI knows, their order,
// the cursor and the filter.
type listState struct {
	streams  map[string]*stream
	order    []string  // streams in list order
	rows     []listRow // the list with its section headings
	asked    []string  // the streams last named to Deps.Prioritize
	cursor   int
	cursorID string
	listOff  int
	listGen  int // bumped when the stream list is sorted again
	// listStale: activity came while the list had the keys, which keeps
	// its order; it is sorted again when the list loses them.
	listStale bool
	listOrder tuiconfig.ListOrder
	filter    listFilter // the stream list's filter
	// muted are the ids of the muted streams (mute.go).
	muted map[string]bool
}

// paneState is the timeline area: its panes, the one with the focus, and
// which part of the screen keys go to.
type paneState struct {
	mode      mode   // what takes the keys (mode.go)
	under     mode   // what had them when the overlay now open opened
	open      string // the stream of the focused pane
	panes     []*pane
	cur       int       // the focused pane
	zoomed    bool      // the focused pane alone fills the timeline area
	linkCycle linkCycle // which link of a row opens next
}

// overlays are what may cover the timeline area or take the keys for a
// while: the quick switcher, the help or notices, the inspector, search.
type overlays struct {
	// found is the search across streams (results.go).
	found       resultsState
	sw          switcherState // the quick switcher
	pick        pickerState   // the people picker (picker.go)
	forms       formsState    // Elements forms filled in (form.go)
	health      healthState   // the datafeed's health over time (overview.go)
	desk        deskState     // desktop notifications (desktop.go)
	watch       watchState    // watch rules and their matches (watch.go)
	overlayText textOverlay   // the help or the notices
	insp        inspectorState
	search      searchState
	people      peopleState // room info, members, profiles, presence (people.go)
	prompt      promptState // a question under the focused pane (prompt.go)
}

// composerState is the composer: one editor, the drafts of the streams by
// id, and the messages sent but not yet confirmed.
type composerState struct {
	ed     editor
	drafts map[string]string
	outbox map[string]*outgoing // unconfirmed sends by local id
	seq    uint64               // the last local id
	comp   completion           // tags seen, candidates cycled (complete.go)
	sent   sentTexts            // texts sent, for recall (recall.go)
}

// alerts are what the UI tells the reader besides the timelines: the
// status, the notices, the status clock and the bell.
type alerts struct {
	status   statusState
	log      []logEntry // notices and feed changes, oldest first
	ticks    int        // ticks of the status clock so far
	blurred  bool       // the terminal reported that it lost the focus
	bellDue  bool       // a message of the batch being applied rings the bell
	lastBell time.Time  // when the bell last rang
}

// frame is the next frame, prepared by Update and read by View, with the
// size and styles it is drawn at.
type frame struct {
	width, height int
	styles        styles
	layout        layout
	listLines     []string
	visible       []*pane  // the panes on screen, in drawing order
	overlay       []string // what covers the timeline area (switcher, help), if any
	tlBuf         []string
	statusLine    string
	// windowTitle is "tutti", with the number of unread items: never
	// anything of a message.
	windowTitle string
	swLines     []string // the switcher's lines, shown as the overlay
	used        map[string]struct{}
	// firstLoads load the history New's first frame lacks; Init starts
	// them.
	firstLoads tea.Cmd
}

// layout is where the parts of the screen go.
type layout struct {
	list, timeline bool
	listW, tlW     int
	paneH          int
}

// New returns the model of the terminal UI.
func New(deps Deps) *Model {
	m := &Model{
		env: env{
			deps:  deps,
			ctx:   deps.Context,
			loc:   deps.Location,
			now:   deps.Now,
			host:  sanitize.Line(deps.Host),
			badge: sanitize.Line(deps.Badge),
		},
		names:         deps.Names,
		listState:     listState{streams: map[string]*stream{}},
		paneState:     paneState{mode: modeTimeline},
		composerState: composerState{drafts: map[string]string{}, outbox: map[string]*outgoing{}},
		frame: frame{
			width: 80, height: 24,
			styles: newStyles(tuiconfig.ThemeAuto, deps.NoColor, true, 1),
			used:   map[string]struct{}{},
		},
	}
	if m.ctx == nil {
		m.ctx = context.Background()
	}
	set := tuiconfig.Defaults()
	if deps.Settings != nil {
		set = *deps.Settings
	}
	m.keys, m.theme, m.timeFormat = set.Keys, set.Theme, set.TimeFormat
	m.hideMembership, m.mouse, m.links, m.maxRows = set.HideMembership, set.Mouse, set.Links, set.MaxRowsPerStream
	m.listOrder, m.systemEvents = set.ListOrder, set.SystemEvents
	m.bell = bellOf(set.Bell)
	m.desk = deskState{method: deps.Notify, inTmux: deps.InTmux, set: set.Notify, limiter: desktop.Limiter{Period: notifyPeriod}}
	m.styles = newStyles(m.theme, m.deps.NoColor, true, 1)
	if m.loc == nil {
		m.loc = time.Local
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.host == "" {
		m.host = "simulator"
	}
	if deps.Me != 0 {
		m.meStr = strconv.FormatInt(deps.Me, 10)
	}
	if m.names == nil {
		m.names = names.New()
	}
	if deps.Me != 0 {
		m.names.SetMe(deps.Me)
	}
	m.streams[activityID] = m.newStream(activityID, "Activity", KindActivity)
	m.streams[connectionsID] = m.newStream(connectionsID, "Connections", KindConnections)
	m.initWatch(set.Watch)
	for _, si := range deps.Streams {
		id := symphony.CanonicalID(si.ID)
		s := m.newStream(id, si.Name, kindOf(si.Type))
		s.inactive, s.external = si.Inactive, si.External
		m.streams[id] = s
	}
	started := m.now().UnixMilli()
	for _, s := range m.streams {
		s.readTs = started
	}
	m.started = started
	m.open, m.cursorID = activityID, activityID
	m.panes = []*pane{{stream: activityID}}
	m.restore(deps.Saved)
	m.sortStreams()
	m.firstLoads = m.prepare()
	return m
}

// Init starts listening to the engine, asks the terminal for its background
// colour, starts the status clock and loads the history the first frame
// lacks (the panes a previous run left open).
func (m *Model) Init() tea.Cmd {
	loads := m.firstLoads
	m.firstLoads = nil
	return tea.Batch(listen(m.deps.Items), tea.RequestBackgroundColor, tick(), loads, m.fetchSignals())
}

// Update applies one message to the model and prepares the next frame.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.FocusMsg:
		m.blurred = false
	case tea.BlurMsg:
		m.blurred = true
	case tea.BackgroundColorMsg:
		m.styles = newStyles(m.theme, m.deps.NoColor, msg.IsDark(), m.styles.gen+1)
	case itemsMsg:
		cmds = append(cmds, m.handleItems(msg))
	case pageMsg:
		m.handlePage(msg)
		m.resolveJump(msg)
	case sentMsg:
		m.handleSent(msg)
	case updatedMsg:
		m.handleUpdated(msg)
	case fetchedMsg:
		m.handleFetched(msg)
	case resultsMsg:
		m.handleResults(msg)
	case roomInfoMsg, profileMsg, imCreatedMsg, presenceMsg:
		cmds = append(cmds, m.handlePeopleMsg(msg))
	case pickSearchDue, pickFoundMsg:
		cmds = append(cmds, m.handlePickerMsg(msg))
	case membersAddedMsg:
		cmds = append(cmds, m.handleMembersAdded(msg))
	case roomCreatedMsg:
		m.handleRoomCreated(msg)
	case formProbeMsg, formSentMsg:
		m.handleFormMsg(msg)
	case signalsMsg:
		m.handleSignals(msg)
	case noticeMsg:
		m.notify(msg.text, msg.bad)
	case downloadMsg:
		cmds = append(cmds, m.handleDownload(msg))
	case connectionMsg:
		m.handleConnection(msg)
	case tickMsg:
		m.refreshOverview()
		cmds = append(cmds, tick(), m.saveCmdIfDue(), m.desktopCmd())
		cmds = append(cmds, m.presenceCmdIfDue())
	case tea.KeyPressMsg:
		// Where keys are text, or close an overlay, only the global
		// quit key quits.
		if key.Matches(msg, m.keys.Global.Quit) || m.mode.quits() && key.Matches(msg, m.keys.Normal.Quit) {
			return m, tea.Quit
		}
		switch {
		case m.mode == modeSwitcher:
			cmds = append(cmds, m.handleSwitcherKey(msg))
		case key.Matches(msg, m.keys.Global.Switcher):
			m.endTyping()
			m.openSwitcher()
		case key.Matches(msg, m.keys.Global.NextActivity):
			m.endTyping()
			m.openNextActivity()
		default:
			cmds = append(cmds, m.routeKey(msg))
		}
	case tea.PasteMsg:
		m.handlePaste(msg)
	case tea.MouseWheelMsg:
		m.handleWheel(msg)
	case tea.MouseClickMsg:
		m.handleClick(msg)
	}
	cmds = append(cmds, m.prepare())
	return m, tea.Batch(cmds...)
}

// View composes the prepared frame; it changes nothing.
func (m *Model) View() tea.View {
	var b strings.Builder
	l := m.layout
	b.Grow((l.listW + l.tlW + 16) * (l.paneH + 1) * 2)
	for r := 0; r < l.paneH; r++ {
		if l.list && r < len(m.listLines) {
			b.WriteString(m.listLines[r])
			if l.timeline {
				b.WriteString(m.styles.dim)
				b.WriteString("│")
				b.WriteString(m.styles.reset)
			}
		}
		if l.timeline {
			m.viewAreaRow(&b, r)
		}
		b.WriteByte('\n')
	}
	b.WriteString(m.statusLine)
	v := tea.NewView(b.String())
	v.AltScreen = true
	if m.mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.ReportFocus = true
	v.WindowTitle = m.windowTitle
	return v
}

// viewAreaRow writes row r of the timeline area: the overlay, or the row of
// every visible pane that covers it, left to right.
func (m *Model) viewAreaRow(b *strings.Builder, r int) {
	if m.overlay != nil {
		if r < len(m.overlay) {
			b.WriteString(m.overlay[r])
		}
		return
	}
	for _, p := range m.visible {
		if r < p.y || r >= p.y+p.h {
			continue
		}
		if p.x > 0 {
			b.WriteString(m.styles.dim)
			b.WriteString("│")
			b.WriteString(m.styles.reset)
		}
		b.WriteString(p.line(r - p.y))
	}
}

// routeKey gives a key to what has the keys, but for the switcher and the
// global keys.
func (m *Model) routeKey(msg tea.KeyPressMsg) tea.Cmd {
	switch m.mode {
	case modeText:
		m.handleOverlayKey(msg)
	case modeInspector:
		return m.handleInspectorKey(msg)
	case modePeople:
		return m.handlePeopleKey(msg)
	case modePicker:
		return m.handlePickerKey(msg)
	case modeForm:
		return m.handleFormKey(msg)
	case modeSearch:
		m.handleSearchKey(msg)
	case modePrompt:
		return m.handlePromptKey(msg)
	case modeFilter:
		m.handleFilterKey(msg)
	case modeComposer:
		return m.handleComposerKey(msg)
	default:
		return m.handleKey(msg)
	}
	return nil
}

// endTyping closes the overlays and ends the typing of a search or a list
// filter (their queries stay), before a global key takes the screen.
func (m *Model) endTyping() {
	m.overlayText, m.insp = textOverlay{}, inspectorState{}
	m.mode = m.base()
}

// computeLayout places the list and the timeline for the window size.
func (m *Model) computeLayout() layout {
	w, h := max(1, m.width), max(2, m.height)
	l := layout{paneH: h - 1}
	switch {
	case w >= 80:
		l.list, l.timeline = true, true
		l.listW = max(20, min(32, w/4))
		if w >= wideListFrom {
			// Room for a sparkline beside each stream (spark.go).
			l.listW = min(sparkListW+4, w/4)
		}
		l.tlW = w - l.listW - 1
	case m.mode == modeList || m.mode == modeFilter:
		l.list, l.listW = true, w
	default:
		l.timeline, l.tlW = true, w
	}
	return l
}

// prepare readies the frame that View draws, after every message, in
// four steps kept apart, after the list is sorted again if it kept its
// order while it had the keys: where the parts of the screen go (place); what is
// now on screen is seen (markSeen, a change of state); the lines of the
// frame (draw, layout only, but for a pane's view anchor, which settles
// against the rows laid out); and what the frame lacks or no longer needs
// (settle, a change of state: history to load, caches to trim, the
// engine's priorities). It returns the commands that load history.
func (m *Model) prepare() tea.Cmd {
	if m.listStale && m.base() != modeList {
		m.sortStreams()
	}
	m.place()
	m.markSeen()
	m.draw()
	return m.settle()
}

// place decides the layout and, when the timeline area shows, which panes
// are on screen and where.
func (m *Model) place() {
	m.layout = m.computeLayout()
	if m.layout.timeline {
		m.placePanes(m.layout.tlW, m.layout.paneH)
	}
}

// markSeen clears what the streams on screen counted while hidden.
func (m *Model) markSeen() {
	if !m.layout.timeline {
		return
	}
	for _, p := range m.visible {
		if s := m.streams[p.stream]; s != nil {
			s.unread, s.mentions = 0, 0
			if s.kind == KindWatch {
				m.seenWatch()
			}
		}
	}
}

// draw lays out the lines of the frame: the list, the panes, what covers
// the timeline area and the status bar.
func (m *Model) draw() {
	l := m.layout
	clear(m.used)
	if l.list {
		m.prepareList(l.listW, l.paneH)
	}
	m.overlay = nil
	if l.timeline {
		for _, p := range m.visible {
			m.preparePane(p, p == m.pane())
		}
		switch m.mode {
		case modeSwitcher:
			m.prepareSwitcher(l.tlW, l.paneH)
		case modeText:
			m.prepareTextOverlay(l.tlW, l.paneH)
		case modeInspector:
			m.prepareInspector(l.tlW, l.paneH)
		case modePeople:
			m.preparePeople(l.tlW, l.paneH)
		case modePicker:
			m.preparePicker(l.tlW, l.paneH)
		case modeForm:
			m.prepareForm(l.tlW, l.paneH)
		}
	}
	m.prepareStatus(max(1, m.width))
}

// settle acts on the frame just drawn: it names the streams on screen to
// the engine, starts loading the history the panes on screen lack, and
// trims their caches to what they show. It returns the loading commands.
func (m *Model) settle() tea.Cmd {
	m.askPriority()
	if !m.layout.timeline {
		return nil
	}
	var cmds []tea.Cmd
	for _, p := range m.visible {
		s := m.streams[p.stream]
		if s == nil {
			continue
		}
		if s.view.follow {
			s.newBelow = 0 // all of it is on screen
		}
		if cmd := m.maybeLoad(s, p.atTop); cmd != nil {
			cmds = append(cmds, cmd)
		}
		m.trimCache(s)
	}
	return tea.Batch(cmds...)
}

// preparePane lays out pane p: its title, its timeline and, when it has
// the focus, the composer under it; p.atTop tells settle whether its
// timeline shows the top of what is loaded.
func (m *Model) preparePane(p *pane, focused bool) {
	s := m.streams[p.stream]
	p.lines = p.lines[:0]
	if s == nil {
		p.title, p.atTop = "", false
		return
	}
	ch := 0
	searching := focused && m.mode == modeSearch && m.search.stream == s.id && p.h >= 2
	prompting := focused && m.mode == modePrompt && p.h >= 2
	switch {
	case searching, prompting:
		ch = 1
	case focused:
		ch = m.composerHeight(p.w, p.h)
	}
	// The title after the timeline: laying it out may settle the anchor
	// (a pane scrolled past the top of a short stream follows again).
	p.tlH = max(0, p.h-1-ch)
	if s.jump {
		m.jumpToMarker(s, p.w, p.tlH)
	}
	p.lines, p.atTop = m.prepareTimeline(s, p.w, p.tlH, p.lines)
	switch {
	case searching:
		p.lines = m.prepareSearchLine(p.lines, p.w)
	case prompting:
		p.lines = m.preparePromptLine(p.lines, p.w)
	case focused:
		p.lines = m.prepareComposer(p.lines, p.w, ch)
	}
	p.title = m.titleLine(s, p.w, focused && m.base() != modeList)
	if p.padded {
		padLines(p.lines, p.w)
		p.title = pad(p.title, p.w)
	}
}

// titleLine is the first line of a timeline pane; the focused pane's is
// bright when several panes are shown.
func (m *Model) titleLine(s *stream, w int, focused bool) string {
	st := &m.styles
	t := " " + s.icon() + " " + s.name
	style := st.title
	if len(m.panes) > 1 && !m.zoomed {
		if focused {
			t = "▶" + t
		} else {
			style = st.dim
		}
	}
	if m.zoomed {
		t += st.reset + st.dim + "  (zoomed: " + firstKey(m.keys.Normal.Zoom) + " to show all panes)"
	}
	switch {
	case s.view.follow:
	case s.newBelow > 0:
		t += st.reset + st.dim + "  ↓ " + strconv.Itoa(s.newBelow) + " new below (G)"
	default:
		t += st.reset + st.dim + "  ↓ newer below (G)"
	}
	return style + truncate(t, w) + st.reset
}
