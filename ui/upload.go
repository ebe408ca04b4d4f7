package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// SendFilesFunc sends a message with files to a stream, as
// symphony.Client.SendMessageWithFiles does.
type SendFilesFunc func(ctx context.Context, streamID, messageML, data string, files []symphony.AttachmentFile) (symphony.V4Message, error)

// maxUpload is the largest file tutti sends: a bigger one is refused
// before anything is sent.
const maxUpload = 25 << 20

// uploadTimeout bounds one send with files.
const uploadTimeout = 2 * time.Minute

// attachCommand starts a composer line that attaches a file.
const attachCommand = "/attach "

// takeAttachments splits the composer's text into the message and the
// paths of its "/attach PATH" lines. A message of files alone says their
// names.
func takeAttachments(text string) (rest string, paths []string) {
	var keep []string
	for _, l := range strings.Split(text, "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(l), attachCommand); ok && strings.TrimSpace(p) != "" {
			paths = append(paths, strings.TrimSpace(p))
			continue
		}
		keep = append(keep, l)
	}
	if len(paths) == 0 {
		return text, nil
	}
	rest = strings.Join(keep, "\n")
	if strings.TrimSpace(rest) == "" {
		names := make([]string, len(paths))
		for i, p := range paths {
			names[i] = filepath.Base(p)
		}
		rest = strings.Join(names, ", ")
	}
	return rest, paths
}

// readUploads reads the files to send ("~/" is the home directory): each
// must be a regular file of at most maxUpload bytes.
func readUploads(paths []string) ([]symphony.AttachmentFile, error) {
	var out []symphony.AttachmentFile
	for _, p := range paths {
		if rest, ok := strings.CutPrefix(p, "~/"); ok {
			home, err := os.UserHomeDir()
			if err != nil {
				return nil, fmt.Errorf("attach %s: %w", p, err)
			}
			p = filepath.Join(home, rest)
		}
		info, err := os.Stat(p)
		switch {
		case err != nil:
			return nil, fmt.Errorf("attach %s: %w", p, err)
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("attach %s: not a regular file", p)
		case info.Size() > maxUpload:
			return nil, fmt.Errorf("attach %s: %s, over the %s a file may have", p, render.ByteSize(info.Size()), render.ByteSize(maxUpload))
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("attach %s: %w", p, err)
		}
		if int64(len(data)) > maxUpload {
			return nil, fmt.Errorf("attach %s: %s, over the %s a file may have", p, render.ByteSize(int64(len(data))), render.ByteSize(maxUpload))
		}
		out = append(out, symphony.AttachmentFile{Name: filepath.Base(p), Data: data})
	}
	return out, nil
}

// sendWithFiles returns the command that reads the files of paths, checks
// their size, and sends them with the message; a file that cannot be sent
// fails the message with the reason before anything is sent.
func sendWithFiles(ctx context.Context, send SendFilesFunc, stream, localID, messageML, data string, paths []string) tea.Cmd {
	return func() tea.Msg {
		files, err := readUploads(paths)
		if err != nil {
			return sentMsg{Stream: stream, LocalID: localID, Err: err}
		}
		ctx, cancel := context.WithTimeout(ctx, uploadTimeout)
		defer cancel()
		msg, err := send(ctx, stream, messageML, data, files)
		return sentMsg{Stream: stream, LocalID: localID, Message: msg, Err: err}
	}
}
