package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// cmdPrefix starts the ids of commands among the switcher's results; stream
// ids never start with it.
const cmdPrefix = ">"

// command is an action the quick switcher offers next to the streams.
type command struct {
	id    string // cmdPrefix + a verb
	title string
	keys  key.Binding // shown as a hint
	run   func(m *Model) tea.Cmd
}

// commands returns the switcher's commands, with the keys of the live key
// map.
func (m *Model) commands() []command {
	k := m.keys
	do := func(f func(m *Model)) func(m *Model) tea.Cmd {
		return func(m *Model) tea.Cmd { f(m); return nil }
	}
	return []command{
		{cmdPrefix + "next-unread", "Next unread stream", k.Global.NextActivity, do((*Model).openNextActivity)},
		{cmdPrefix + "split", "Split: add a pane", k.Normal.Split, do((*Model).split)},
		{cmdPrefix + "close-pane", "Close the focused pane", k.Normal.ClosePane, do((*Model).closePane)},
		{cmdPrefix + "zoom", "Zoom the focused pane, or show all panes", k.Normal.Zoom, do((*Model).toggleZoom)},
		{cmdPrefix + "search", "Search the focused pane", k.Timeline.Search, do(func(m *Model) {
			if s := m.streams[m.open]; s != nil {
				m.startSearch(s)
			}
		})},
		m.findCommand(),
		{cmdPrefix + "membership", "Hide or show membership rows", k.Timeline.ToggleMembership, do((*Model).toggleMembership)},
		{cmdPrefix + "jump-to-message", "Jump to the selected Activity row's message in its stream", k.Timeline.Compose, (*Model).jumpCommand},
		{cmdPrefix + "jump-to-date", "Jump to a date in the focused stream", k.Timeline.JumpDate, do((*Model).askDate)},
		{cmdPrefix + "mark-all-read", "Mark all read: every stream's counts to zero", k.Normal.MarkAllRead, do((*Model).markAllRead)},
		{cmdPrefix + "mute", "Mute or unmute the focused stream", k.Normal.Mute, do((*Model).toggleMute)},
		{cmdPrefix + "room-info", "Room info and members (an IM's participants)", k.Normal.RoomInfo, (*Model).openRoomInfo},
		{cmdPrefix + "profile", "Profile of the selected message's author", k.Timeline.Profile, (*Model).openAuthorProfile},
		{cmdPrefix + "fill-form", "Fill in the selected message's form", k.Timeline.Compose, (*Model).fillFormCommand},
		{cmdPrefix + "overview", "Overview: the busiest streams, the pod's minute, the datafeed's health", k.Normal.Overview, do((*Model).openOverview)},
		{cmdPrefix + "do-not-disturb", "Do not disturb: no desktop notification and no bell, or end it", key.Binding{}, do((*Model).toggleDND)},
		{cmdPrefix + "watch-add", "Watch: add a rule ($UST10Y #incident by:Ana in:\"Rates Desk\" words…)", key.Binding{}, do((*Model).askWatchRule)},
		{cmdPrefix + "watch-edit", "Watch: edit a rule", key.Binding{}, do((*Model).askEditRule)},
		{cmdPrefix + "watch-toggle", "Watch: switch a rule on or off", key.Binding{}, do((*Model).askToggleRule)},
		{cmdPrefix + "watch-save", "Watch: save the rules to the config file", key.Binding{}, do((*Model).saveWatchRules)},
		{cmdPrefix + "new-chat", "New chat: an IM or MIM with people found by name", k.Normal.NewChat, do(func(m *Model) { m.openPicker(pickChat, "", false) })},
		{cmdPrefix + "create-room", "Create a room: its name, description, public or not", k.Normal.CreateRoom, do((*Model).askRoomName)},
		{cmdPrefix + "add-member", "Add members to the focused room, found by name", k.Normal.AddMember, do((*Model).askAddMembers)},
		{cmdPrefix + "help", "Help: every key", k.Normal.Help, do((*Model).openHelp)},
		{cmdPrefix + "log", "Log of notices, errors and datafeed changes", k.Normal.Log, do((*Model).openLog)},
		{cmdPrefix + "edit", "Edit my selected message", k.Timeline.Edit, do((*Model).startEdit)},
		{cmdPrefix + "reply", "Quote-reply to the selected message", k.Timeline.Reply, do((*Model).startReply)},
		{cmdPrefix + "forward", "Forward the selected message to another stream", k.Timeline.Forward, do((*Model).startForward)},
		{cmdPrefix + "reconnect", "Reconnect the datafeed now, not after its wait", k.Normal.Reconnect, do((*Model).reconnectNow)},
		{cmdPrefix + "save-attachments", "Save the selected message's attachments to the download directory", k.Timeline.Download, onStream(func(m *Model, s *stream) tea.Cmd { return m.downloadAttachments(s, false) })},
		{cmdPrefix + "open-attachment", "Open the selected message's attachment (saved first)", k.Timeline.OpenAttachment, onStream(func(m *Model, s *stream) tea.Cmd { return m.downloadAttachments(s, true) })},
		{cmdPrefix + "accept-connection", "Accept the selected connection request", k.Timeline.AcceptConnection, onStream(func(m *Model, s *stream) tea.Cmd { return m.answerConnection(s, true) })},
		{cmdPrefix + "reject-connection", "Reject the selected connection request", k.Timeline.RejectConnection, onStream(func(m *Model, s *stream) tea.Cmd { return m.answerConnection(s, false) })},
		{cmdPrefix + "request-connection", "Ask the selected message's author (of another pod) to connect", k.Timeline.Connect, onStream((*Model).requestConnection)},
		{cmdPrefix + "quit", "Quit tutti", k.Global.Quit, func(*Model) tea.Cmd { return tea.Quit }},
	}
}

// commandByID returns the command with id.
func (m *Model) commandByID(id string) (command, bool) {
	for _, c := range m.commands() {
		if c.id == id {
			return c, true
		}
	}
	return command{}, false
}

// isCommand reports whether a switcher result is a command.
func isCommand(id string) bool { return strings.HasPrefix(id, cmdPrefix) }

// commandRow is the switcher's row of a command, w cells wide.
func (m *Model) commandRow(c command, w int) string {
	st := &m.styles
	hint := ""
	if len(c.keys.Keys()) > 0 {
		hint = firstKey(c.keys)
	}
	left := " › " + c.title
	gap := max(1, w-len([]rune(left))-len([]rune(hint))-1)
	return pad(truncate(left+strings.Repeat(" ", gap)+st.dim+hint+st.reset, w), w)
}

// toggleMembership hides or shows membership rows, and says which.
func (m *Model) toggleMembership() {
	m.hideMembership = !m.hideMembership
	if m.hideMembership {
		m.notify("membership rows hidden ("+firstKey(m.keys.Timeline.ToggleMembership)+" shows them)", false)
	} else {
		m.notify("membership rows shown", false)
	}
}
