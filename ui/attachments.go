package ui

import (
	"context"
	"io"
	"path/filepath"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/download"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// AttachmentFunc downloads the file fileID of message messageID in stream
// streamID to w (symphony.Client.Attachment), calling progress with the
// bytes written so far.
type AttachmentFunc func(ctx context.Context, streamID, messageID, fileID string, w io.Writer, progress func(written int64)) (int64, error)

// largeFile is the size from which a download shows its progress in the
// status bar.
const largeFile = 256 << 10

// fileState is what the reader did with attachments and connection
// requests: the files saved by message, the downloads running, and the
// state of connection requests as the reader answered them or the
// datafeed told (connections.go).
type fileState struct {
	saved    map[string][]string // message id → the paths its files were saved to
	openNext map[string]int      // message id → which saved file opens next
	busy     map[string]bool     // message ids downloading
	conns    map[int64]string    // the other user → PENDING, ACCEPTED, REJECTED
	answer   map[int64]bool      // the other users whose request is being answered
}

// downloadJob is one press of the download key: the files of one message,
// saved one after the other by a goroutine that a command starts, which
// reports on ch (progress, then the end).
type downloadJob struct {
	messageID, streamID string
	files               []symphony.V4AttachmentInfo
	open                bool // open the first file once saved
	ch                  chan downloadMsg
}

// downloadMsg reports on a download job: its progress, or its end (done)
// with the paths saved and the error that stopped it, if any.
type downloadMsg struct {
	job           *downloadJob
	done          bool
	name          string // the file being saved, sanitised
	index         int    // its index in job.files
	written, size int64
	paths         []string
	err           error
}

// attachmentsOf returns the files of a row's message (of the post it
// shares, for a share) with the stream and message ids to download them
// by; none for other rows.
func attachmentsOf(s *stream, r history.Row) (streamID, messageID string, files []symphony.V4AttachmentInfo) {
	if r.Kind != history.RowMessage || r.Message == nil || r.Suppressed {
		return "", "", nil
	}
	src := r.Message
	if sh := src.Shared(); sh != nil {
		src = sh
	}
	streamID = s.id
	if src.Stream != nil && src.Stream.StreamID != "" {
		streamID = symphony.CanonicalID(src.Stream.StreamID)
	}
	return streamID, src.ID, src.Attachments()
}

// downloadAttachments saves the files of the action row's message to
// Deps.DownloadDir; open opens the first one afterwards. A message whose
// files were saved already opens them instead when open is set.
func (m *Model) downloadAttachments(s *stream, open bool) tea.Cmd {
	i, picked := m.pickActionRow(s)
	if i < 0 {
		return nil
	}
	streamID, messageID, files := attachmentsOf(s, s.tl.At(i))
	switch {
	case len(files) == 0:
		if picked == "" {
			m.notify("no attachment in this row", false)
		} else {
			m.notify("no attachment in"+actedOn(picked), false)
		}
		return nil
	case open && len(m.files.saved[messageID]) > 0:
		return m.openSaved(messageID)
	case m.files.busy[messageID]:
		m.notify("the attachments of this message are downloading already", false)
		return nil
	case m.deps.Attachment == nil || m.deps.DownloadDir == "":
		m.notify("no way to download attachments here", false)
		return nil
	}
	if m.files.busy == nil {
		m.files.busy = map[string]bool{}
	}
	m.files.busy[messageID] = true
	what := sanitize.Line(download.SafeName(files[0].Name))
	if len(files) > 1 {
		what = plural(len(files), "file")
	}
	note := "downloading " + what + " to " + sanitize.Line(m.deps.DownloadDir)
	if picked != "" {
		note += ", from" + actedOn(picked)
	}
	m.notify(note, false)
	job := &downloadJob{messageID: messageID, streamID: streamID, files: files, open: open, ch: make(chan downloadMsg, 1)}
	ctx, get, dir := m.ctx, m.deps.Attachment, m.deps.DownloadDir
	return func() tea.Msg {
		go job.run(ctx, get, dir)
		return <-job.ch
	}
}

// run saves the job's files one after the other, reporting progress on
// ch when a step is worth showing, and its end.
func (j *downloadJob) run(ctx context.Context, get AttachmentFunc, dir string) {
	end := downloadMsg{job: j, done: true}
	for i, f := range j.files {
		name := sanitize.Line(download.SafeName(f.Name))
		shown := int64(-1) // the last percentage reported
		path, err := download.Save(dir, f.Name, func(w io.Writer) error {
			_, err := get(ctx, j.streamID, j.messageID, f.ID, w, func(written int64) {
				if f.Size < largeFile {
					return
				}
				pct := written * 100 / f.Size
				if pct < shown+5 {
					return
				}
				shown = pct
				select {
				case j.ch <- downloadMsg{job: j, name: name, index: i, written: written, size: f.Size}:
				default: // the UI has not taken the last step yet: skip this one
				}
			})
			return err
		})
		if err != nil {
			end.err = err
			break
		}
		end.paths = append(end.paths, path)
	}
	select {
	case j.ch <- end:
	case <-ctx.Done():
	}
}

// waitDownload waits for the next report of a download job.
func waitDownload(j *downloadJob) tea.Cmd {
	return func() tea.Msg { return <-j.ch }
}

// handleDownload shows a download's progress, or its end: the files saved
// (and opened, when asked) or why it stopped.
func (m *Model) handleDownload(msg downloadMsg) tea.Cmd {
	j := msg.job
	if !msg.done {
		text := "downloading " + msg.name + ": " + strconv.FormatInt(msg.written*100/max(1, msg.size), 10) + "% of " + render.ByteSize(msg.size)
		if len(j.files) > 1 {
			text += " (file " + strconv.Itoa(msg.index+1) + " of " + strconv.Itoa(len(j.files)) + ")"
		}
		// Progress shows in the status bar only: the log keeps the end.
		m.status.notice, m.status.noticeBad = sanitize.Line(text), false
		m.status.noticeUntil = m.now().Add(noticeFor)
		return waitDownload(j)
	}
	delete(m.files.busy, j.messageID)
	if len(msg.paths) > 0 {
		if m.files.saved == nil {
			m.files.saved = map[string][]string{}
		}
		m.files.saved[j.messageID] = append(m.files.saved[j.messageID], msg.paths...)
	}
	if msg.err != nil {
		m.notify("could not download the attachment: "+msg.err.Error(), true)
		return nil
	}
	// The name and the key first: a long directory is what the status
	// bar cuts.
	what, where := sanitize.Line(filepath.Base(msg.paths[0])), sanitize.Line(msg.paths[0])
	if len(msg.paths) > 1 {
		what, where = plural(len(msg.paths), "file"), sanitize.Line(m.deps.DownloadDir)
	}
	if j.open {
		m.notify("saved "+what+": "+where, false)
		return m.openSaved(j.messageID)
	}
	m.notify("saved "+what+" ("+firstKey(m.keys.Timeline.OpenAttachment)+" opens it): "+where, false)
	return nil
}

// openSaved opens a saved file of a message with Deps.OpenFile: the first,
// the next on each press.
func (m *Model) openSaved(messageID string) tea.Cmd {
	paths := m.files.saved[messageID]
	if len(paths) == 0 {
		return nil
	}
	if m.files.openNext == nil {
		m.files.openNext = map[string]int{}
	}
	n := m.files.openNext[messageID]
	m.files.openNext[messageID] = n + 1
	path := paths[n%len(paths)]
	if m.deps.OpenFile == nil {
		m.notify("no way to open files here: "+sanitize.Line(path), false)
		return nil
	}
	note := "opening " + sanitize.Line(path)
	if len(paths) > 1 {
		note += " (" + strconv.Itoa(n%len(paths)+1) + " of " + strconv.Itoa(len(paths)) + "; " + firstKey(m.keys.Timeline.OpenAttachment) + " again for the next)"
	}
	m.notify(note, false)
	openFile := m.deps.OpenFile
	return func() tea.Msg {
		if err := openFile(path); err != nil {
			return noticeMsg{text: "could not open the file: " + err.Error(), bad: true}
		}
		return nil
	}
}
