package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

func TestTakeAttachments(t *testing.T) {
	rest, paths := takeAttachments("/attach /tmp/a.csv\nEOD numbers\n  /attach ~/b c.pdf  \n/attachment is a word")
	if rest != "EOD numbers\n/attachment is a word" || strings.Join(paths, "|") != "/tmp/a.csv|~/b c.pdf" {
		t.Errorf("rest %q, paths %q", rest, paths)
	}
	if rest, paths := takeAttachments("/attach /tmp/a.csv\n/attach /x/b.pdf"); rest != "a.csv, b.pdf" || len(paths) != 2 {
		t.Errorf("files alone: rest %q, paths %q", rest, paths)
	}
	if rest, paths := takeAttachments("no files\n/attach "); rest != "no files\n/attach " || paths != nil {
		t.Errorf("no file: rest %q, paths %q", rest, paths)
	}
}

func TestUploadChecksTheFilesBeforeSending(t *testing.T) {
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.csv"), filepath.Join(dir, "big.bin")
	if err := os.WriteFile(small, []byte("a,b\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxUpload + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var sent [][]symphony.AttachmentFile
	send := func(_ context.Context, _, _, _ string, files []symphony.AttachmentFile) (symphony.V4Message, error) {
		sent = append(sent, files)
		return symphony.V4Message{MessageID: "m"}, nil
	}
	for _, c := range []struct {
		paths []string
		err   string
	}{
		{[]string{small, big}, "over the 25.0 MiB a file may have"},
		{[]string{dir}, "not a regular file"},
		{[]string{filepath.Join(dir, "missing")}, "no such file"},
	} {
		msg := sendWithFiles(context.Background(), send, "roomA", "local-1", "<messageML>x</messageML>", "", c.paths)().(sentMsg)
		if msg.Err == nil || !strings.Contains(msg.Err.Error(), c.err) {
			t.Errorf("%v: %v, want %q", c.paths, msg.Err, c.err)
		}
	}
	if len(sent) != 0 {
		t.Errorf("sent %d messages with a file that cannot go", len(sent))
	}
	msg := sendWithFiles(context.Background(), send, "roomA", "local-2", "<messageML>x</messageML>", "", []string{small})().(sentMsg)
	if msg.Err != nil || len(sent) != 1 || sent[0][0].Name != "small.csv" || string(sent[0][0].Data) != "a,b\n" {
		t.Errorf("a small file: %v, sent %+v", msg.Err, sent)
	}
}

func TestComposerAttachLineSendsTheFile(t *testing.T) {
	m := newTestModel(t, 100, 20)
	openByKeys(t, m, "roomA")
	var paths []string
	m.deps.SendFiles = func(_ context.Context, sid, ml, _ string, files []symphony.AttachmentFile) (symphony.V4Message, error) {
		for _, f := range files {
			paths = append(paths, sid+":"+f.Name)
		}
		return symphony.V4Message{}, nil
	}
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	press(m, "i")
	m.ed.SetValue("/attach " + file + "\nsee notes")
	cmd := m.send()
	if cmd == nil {
		t.Fatalf("nothing sent: %q", m.status.notice)
	}
	cmd()
	if strings.Join(paths, " ") != "roomA:notes.txt" {
		t.Errorf("sent files %v", paths)
	}
	if o := m.outbox["local-1"]; o == nil || !strings.Contains(o.messageML, "see notes") || strings.Contains(o.messageML, "attach") {
		t.Errorf("the message sent: %+v", o)
	}
}
