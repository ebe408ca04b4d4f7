package feed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// idFileName is the file the BDK keeps a datafeed v1 id in when its
// datafeed.idFilePath is a directory.
const idFileName = "datafeed.id"

// idFile returns where the v1 feed id is kept: path itself, or
// path/datafeed.id when path is a directory.
func idFile(path string) string {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return filepath.Join(path, idFileName)
	}
	return path
}

// readFeedID reads a feed id written in the BDK's format "<id>@<agent base
// URL>". It returns the id and the agent URL, both "" when the file does
// not exist or holds no id.
func readFeedID(path string) (id, agent string, err error) {
	data, err := os.ReadFile(idFile(path))
	if errors.Is(err, fs.ErrNotExist) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("read datafeed id: %w", err)
	}
	id, agent, _ = strings.Cut(strings.TrimSpace(string(data)), "@")
	return strings.TrimSpace(id), strings.TrimSpace(agent), nil
}

// writeFeedID replaces the file's content with "<id>@<agent>", atomically:
// a reader sees the old content or the new one, never a part.
func writeFeedID(path, id, agent string) (err error) {
	target := idFile(path)
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*")
	if err != nil {
		return fmt.Errorf("write datafeed id: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.WriteString(id + "@" + agent); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fmt.Errorf("write datafeed id: %w", err)
	}
	return nil
}

// sameAgent reports whether two agent base URLs name the same agent; an
// empty one matches anything (an id file written without a URL, or a
// caller that gave none).
func sameAgent(a, b string) bool {
	a, b = strings.TrimRight(a, "/"), strings.TrimRight(b, "/")
	return a == "" || b == "" || strings.EqualFold(a, b)
}
