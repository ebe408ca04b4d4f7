package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// renderFlags are the flags of tutti render.
type renderFlags struct {
	file       string
	data       string
	from       string
	width      int
	plain      bool
	hyperlinks bool
	me         int64
	maxLines   int
	expand     bool
	theme      string
}

const renderSynopsis = "render [FILE|-] [--data ENTITYJSON_FILE] [--width N] [--plain] [--from auto|presentationml|messageml|message]"

// runRender is tutti render: it shows a PresentationML document, a MessageML
// document (converted as the agent converts it) or the messages of a
// V4Message or V4Event JSON as the terminal client would, for bot
// developers previewing a message and for tests.
func runRender(_ context.Context, args []string, stdout, stderr io.Writer) error {
	var f renderFlags
	fs := newFlagSet("render", renderSynopsis, stderr)
	fs.StringVar(&f.data, "data", "", "read the message's EntityJSON from `FILE` (PresentationML and MessageML input)")
	fs.StringVar(&f.from, "from", "auto", "what the input is: presentationml, messageml, message (a V4Message or V4Event JSON, or an array of them) or auto")
	fs.IntVar(&f.width, "width", 0, "lay out at `N` columns (default: the terminal's width, or $COLUMNS, or 80)")
	fs.BoolVar(&f.plain, "plain", false, "write plain text, without any escape sequence")
	fs.BoolVar(&f.hyperlinks, "hyperlinks", false, "make links clickable (OSC 8) in terminals that support it")
	fs.Int64Var(&f.me, "me", 0, "highlight mentions of the user `ID`")
	fs.IntVar(&f.maxLines, "max-lines", 0, "collapse a message beyond `N` lines (0: never)")
	fs.BoolVar(&f.expand, "expand", false, "show the bodies of collapsed expandable cards")
	fs.StringVar(&f.theme, "theme", "dark", "colours for a dark or light terminal background: dark, light or nocolor (NO_COLOR is honoured)")
	if err := parseRenderFlags(fs, args, &f.file); err != nil {
		return err
	}
	if f.width < 0 || f.maxLines < 0 {
		return session.Usagef("--width %d, --max-lines %d: want 0 (the default) or more", f.width, f.maxLines)
	}
	var theme render.Theme
	switch f.theme {
	case "dark", "light":
		theme = render.DefaultTheme(f.theme == "dark")
	case "nocolor", "none":
		theme = render.NoColorTheme()
	default:
		fmt.Fprintf(stderr, "unknown theme %q (valid: dark, light, nocolor)\n", f.theme)
		return errUsage
	}
	input, err := readInput(f.file)
	if err != nil {
		return err
	}
	var data string
	if f.data != "" {
		raw, err := os.ReadFile(f.data)
		if err != nil {
			return err
		}
		data = string(raw)
	}
	msgs, err := renderInputs(input, data, f.from)
	if err != nil {
		return err
	}
	opts := render.Options{
		Width: f.width, Theme: theme, Plain: f.plain, Hyperlinks: f.hyperlinks, Me: f.me,
		MaxLines: f.maxLines, Expand: f.expand, Location: time.Local,
	}
	out := stdout
	if file, ok := stdout.(*os.File); ok && term.IsTerminal(file.Fd()) {
		if opts.Width == 0 {
			if w, _, err := term.GetSize(file.Fd()); err == nil {
				opts.Width = w
			}
		}
		if !f.plain {
			out = colorprofile.NewWriter(stdout, os.Environ()) // downsample colours for this terminal
		}
	}
	if opts.Width == 0 {
		opts.Width = 80
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
			opts.Width = n
		}
	}
	var buf bytes.Buffer
	for k, m := range msgs {
		if k > 0 {
			buf.WriteByte('\n')
		}
		if m.header != "" {
			writeHeader(&buf, m.header, opts)
		}
		for _, line := range render.Parse(m.pml, m.data).Layout(opts) {
			buf.WriteString(line)
			buf.WriteByte('\n')
		}
	}
	_, err = out.Write(buf.Bytes())
	return err
}

// parseRenderFlags parses flags before and after the one FILE argument.
func parseRenderFlags(fs *flag.FlagSet, args []string, file *string) error {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		if fs.NArg() == 0 {
			return nil
		}
		if *file != "" {
			fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
			fs.Usage()
			return errUsage
		}
		*file = fs.Arg(0)
		args = fs.Args()[1:]
	}
}

// readInput reads FILE, or standard input for "" and "-".
func readInput(file string) (string, error) {
	const most = 64 << 20
	var raw []byte
	var err error
	switch {
	case file == "" && term.IsTerminal(os.Stdin.Fd()):
		// Nothing piped in: waiting for the keyboard would look like a
		// hang.
		return "", session.Usagef("give a FILE, or pipe the message in (tutti render FILE, … | tutti render, or - to type it, ctrl+d to end)")
	case file == "" || file == "-":
		raw, err = io.ReadAll(io.LimitReader(os.Stdin, most))
	default:
		raw, err = symphony.ReadLocalFile(file, most) // not a pipe, a device or a huge file
	}
	return string(raw), err
}

// renderInput is one message to render.
type renderInput struct {
	header string // "sender · time" of a V4Message, "" otherwise
	pml    string
	data   string
}

// renderInputs turns the input into PresentationML messages.
func renderInputs(input, data, from string) ([]renderInput, error) {
	if from == "auto" {
		from = detectFormat(input)
	}
	switch from {
	case "presentationml", "pml", "html":
		return []renderInput{{pml: input, data: data}}, nil
	case "messageml", "mml":
		res, err := messageml.Convert(input, data, previewDirectory{})
		if err != nil {
			return nil, fmt.Errorf("MessageML: %w", err)
		}
		return []renderInput{{pml: res.PresentationML, data: res.EntityJSON}}, nil
	case "message", "json":
		return messageInputs(input)
	}
	return nil, session.Usagef("unknown --from %q (valid: auto, presentationml, messageml, message)", from)
}

// detectFormat guesses what the input is.
func detectFormat(input string) string {
	s := strings.TrimSpace(input)
	if strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") {
		return "message"
	}
	if strings.HasPrefix(s, "<?xml") {
		if i := strings.Index(s, "?>"); i >= 0 {
			s = strings.TrimSpace(s[i+2:])
		}
	}
	if strings.HasPrefix(s, "<messageML") {
		return "messageml"
	}
	return "presentationml"
}

// messageInputs reads a V4Message, a V4Event, an array of them, or a
// datafeed answer (V5EventList).
func messageInputs(input string) ([]renderInput, error) {
	var items []json.RawMessage
	if strings.HasPrefix(strings.TrimSpace(input), "[") {
		if err := json.Unmarshal([]byte(input), &items); err != nil {
			return nil, fmt.Errorf("message JSON: %w", err)
		}
	} else {
		var list struct {
			Events []json.RawMessage `json:"events"`
		}
		if err := json.Unmarshal([]byte(input), &list); err != nil {
			return nil, fmt.Errorf("message JSON: %w", err)
		}
		items = list.Events
		if items == nil {
			items = []json.RawMessage{json.RawMessage(input)}
		}
	}
	var out []renderInput
	for _, item := range items {
		var probe struct {
			Payload json.RawMessage `json:"payload"`
		}
		if err := json.Unmarshal(item, &probe); err != nil {
			return nil, fmt.Errorf("message JSON: %w", err)
		}
		var msgs []*symphony.V4Message
		if len(probe.Payload) > 0 {
			var ev symphony.V4Event
			if err := json.Unmarshal(item, &ev); err != nil {
				return nil, fmt.Errorf("V4Event JSON: %w", err)
			}
			if p := ev.Payload; p != nil && p.MessageSent != nil {
				msgs = append(msgs, p.MessageSent.Message)
			} else if p != nil && p.SharedPost != nil {
				msgs = append(msgs, p.SharedPost.Message, p.SharedPost.SharedMessage)
			}
		} else {
			var m symphony.V4Message
			if err := json.Unmarshal(item, &m); err != nil {
				return nil, fmt.Errorf("V4Message JSON: %w", err)
			}
			msgs = append(msgs, &m)
			if m.SharedMessage != nil {
				msgs = append(msgs, m.SharedMessage)
			}
		}
		for _, m := range msgs {
			if m != nil && m.Message != "" {
				out = append(out, renderInput{header: messageHeader(m), pml: m.Message, data: m.Data})
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("the input holds no message")
	}
	return out, nil
}

// messageHeader describes a message's sender and time.
func messageHeader(m *symphony.V4Message) string {
	var parts []string
	if m.User != nil {
		name := m.User.DisplayName
		if name == "" {
			name = strings.TrimSpace(m.User.FirstName + " " + m.User.LastName)
		}
		if name == "" && m.User.UserID != 0 {
			name = "user " + strconv.FormatInt(m.User.UserID, 10)
		}
		if name != "" {
			parts = append(parts, sanitize.Line(name))
		}
	}
	if m.Timestamp > 0 {
		parts = append(parts, time.UnixMilli(m.Timestamp).Local().Format("2006-01-02 15:04"))
	}
	return strings.Join(parts, " · ")
}

// writeHeader writes a message header in bold, through the renderer so
// that it is sanitised and fitted to the width like the message.
func writeHeader(buf *bytes.Buffer, header string, o render.Options) {
	doc := render.Parse("<div><b>"+html.EscapeString(header)+"</b></div>", "")
	for _, line := range doc.Layout(o) {
		buf.WriteString(line)
		buf.WriteByte('\n')
	}
}

// previewDirectory resolves every mention of a MessageML preview with a
// made-up user: a preview needs no pod.
type previewDirectory struct{}

func (previewDirectory) UserByID(id int64) (messageml.User, bool) {
	return messageml.User{ID: id, DisplayName: "user " + strconv.FormatInt(id, 10)}, true
}

func (previewDirectory) UserByEmail(email string) (messageml.User, bool) {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(email))) // never fails
	name, _, _ := strings.Cut(email, "@")
	return messageml.User{ID: int64(h.Sum64() >> 12), DisplayName: name, Email: email}, true
}
