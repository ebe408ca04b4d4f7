package cli

import (
	"context"
	"os"
	"path/filepath"

	"github.com/tutti-chat/tutti/internal/download"
	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/ui"
)

// uiFiles returns what the UI downloads attachments and answers
// connection requests with: the client's calls and the download directory
// of the tui: section (tui.downloadDir, else $XDG_DOWNLOAD_DIR, else
// ~/Downloads). A replay downloads and answers nothing.
func uiFiles(conn *session.Conn, downloadDir string) (ui.AttachmentFunc, string, ui.AnswerConnectionFunc) {
	if conn.Replay != "" {
		return nil, "", nil
	}
	home, _ := os.UserHomeDir()
	dir := download.Dir(downloadDir, os.Getenv, home)
	if !filepath.IsAbs(dir) {
		dir = "" // no home to find ~/Downloads in: nothing is saved
	}
	c := conn.Client
	answer := func(ctx context.Context, userID int64, accept bool) (string, error) {
		if accept {
			cn, err := c.AcceptConnection(ctx, userID)
			return cn.Status, err
		}
		cn, err := c.RejectConnection(ctx, userID)
		return cn.Status, err
	}
	return c.Attachment, dir, answer
}

// uiSendFiles returns what the composer sends files with; a replay sends
// nothing.
func uiSendFiles(conn *session.Conn) ui.SendFilesFunc {
	if conn.Replay != "" {
		return nil
	}
	return conn.Client.SendMessageWithFiles
}

// uiRequestConnection returns what asks a user to connect; a replay asks
// nobody.
func uiRequestConnection(conn *session.Conn) ui.RequestConnectionFunc {
	if conn.Replay != "" {
		return nil
	}
	return func(ctx context.Context, userID int64) (string, error) {
		cn, err := conn.Client.RequestConnection(ctx, userID)
		return cn.Status, err
	}
}
