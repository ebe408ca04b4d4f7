package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/symphony"
)

// withFile posts a message with two files in roomA, opens it and returns
// the model with a fake download (the file id's bytes) and opener.
func withFile(t *testing.T) (m *Model, dir string, opened *[]string, asked *[]string) {
	t.Helper()
	m = newTestModel(t, 100, 20)
	msg := message("roomA", "m1", 2, base+1000, "EOD risk attached")
	msg.Attachments = []symphony.V4AttachmentInfo{{ID: "f1", Name: "../risk.xlsx", Size: 5}, {ID: "f2", Name: "pnl.pdf", Size: 3}}
	update(m, batch(live(msg)))
	openByKeys(t, m, "roomA")
	dir = filepath.Join(t.TempDir(), "Downloads")
	opened, asked = &[]string{}, &[]string{}
	m.deps.DownloadDir = dir
	m.deps.Attachment = func(_ context.Context, sid, mid, fid string, w io.Writer, progress func(int64)) (int64, error) {
		*asked = append(*asked, sid+"/"+mid+"/"+fid)
		n, err := io.WriteString(w, "bytes of "+fid)
		progress(int64(n))
		return int64(n), err
	}
	m.deps.OpenFile = func(p string) error { *opened = append(*opened, p); return nil }
	return m, dir, opened, asked
}

// finish runs a download job's command to its end and hands every report
// to the model, returning the command of the last.
func finish(t *testing.T, m *Model, cmd tea.Cmd) tea.Cmd {
	t.Helper()
	for cmd != nil {
		msg, ok := cmd().(downloadMsg)
		if !ok {
			t.Fatalf("the download reported %T", msg)
		}
		next := m.handleDownload(msg)
		if msg.done {
			return next
		}
		cmd = next
	}
	return nil
}

func TestDownloadSavesEveryFileOfTheMessageThenOpensThem(t *testing.T) {
	m, dir, opened, asked := withFile(t)
	s := m.streams["roomA"]
	if cmd := finish(t, m, m.downloadAttachments(s, false)); cmd != nil {
		t.Errorf("a plain save opens something")
	}
	if strings.Join(*asked, " ") != "roomA/m1/f1 roomA/m1/f2" {
		t.Errorf("downloads asked: %v", *asked)
	}
	for name, want := range map[string]string{"risk.xlsx": "bytes of f1", "pnl.pdf": "bytes of f2"} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(data) != want {
			t.Errorf("%s: %q, %v", name, data, err)
		}
	}
	if !strings.Contains(m.status.notice, "saved 2 files") {
		t.Errorf("notice %q", m.status.notice)
	}
	// D opens the saved files one after the other, without downloading
	// them again.
	for _, want := range []string{"risk.xlsx", "pnl.pdf", "risk.xlsx"} {
		cmd := m.downloadAttachments(s, true)
		if cmd == nil {
			t.Fatal("open gave no command")
		}
		cmd()
		if got := (*opened)[len(*opened)-1]; got != filepath.Join(dir, want) {
			t.Errorf("opened %s, want %s", got, want)
		}
	}
	if len(*asked) != 2 {
		t.Errorf("open downloaded again: %v", *asked)
	}
}

func TestOpenAttachmentSavesFirst(t *testing.T) {
	m, dir, opened, _ := withFile(t)
	cmd := finish(t, m, m.downloadAttachments(m.streams["roomA"], true))
	if cmd == nil {
		t.Fatal("nothing opened after the save")
	}
	cmd()
	if len(*opened) != 1 || (*opened)[0] != filepath.Join(dir, "risk.xlsx") {
		t.Errorf("opened %v", *opened)
	}
}

func TestDownloadWithoutAttachmentOrWithoutDirectory(t *testing.T) {
	m, _, _, asked := withFile(t)
	update(m, batch(live(message("roomA", "m2", 2, base+2000, "no file here"))))
	s := m.streams["roomA"]
	s.sel = selection{}
	if cmd := m.downloadAttachments(s, false); cmd != nil || !strings.Contains(m.status.notice, "no attachment in the newest message") {
		t.Errorf("a message without files: %q", m.status.notice)
	}
	press(m, "k") // the message with the files
	m.deps.DownloadDir = ""
	if cmd := m.downloadAttachments(s, false); cmd != nil || !strings.Contains(m.status.notice, "no way to download") {
		t.Errorf("no download directory: %q", m.status.notice)
	}
	if len(*asked) != 0 {
		t.Errorf("downloaded %v", *asked)
	}
}

func TestDownloadProgressShowsWithoutFillingTheLog(t *testing.T) {
	m, _, _, _ := withFile(t)
	job := &downloadJob{messageID: "m1", files: make([]symphony.V4AttachmentInfo, 2), ch: make(chan downloadMsg, 1)}
	logged := len(m.log)
	cmd := m.handleDownload(downloadMsg{job: job, name: "big.bin", index: 1, written: 3 << 20, size: 4 << 20})
	if cmd == nil || m.status.notice != "downloading big.bin: 75% of 4.0 MiB (file 2 of 2)" {
		t.Errorf("progress notice %q, cmd %v", m.status.notice, cmd != nil)
	}
	if len(m.log) != logged {
		t.Errorf("progress went to the log: %v", m.log[logged:])
	}
}
