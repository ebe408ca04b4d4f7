package tuiconfig_test

import (
	"strings"
	"testing"
)

func TestDownloadDir(t *testing.T) {
	for text, want := range map[string]string{
		"host: pod.example.com\n":                                     "",
		"host: pod.example.com\ntui:\n  downloadDir: \"\"\n":          "",
		"host: pod.example.com\ntui:\n  downloadDir: ~/tutti-files\n": "~/tutti-files",
		"host: pod.example.com\ntui:\n  downloadDir: /srv/dl\n":       "/srv/dl",
	} {
		s, err := decode(t, text)
		if err != nil || s.DownloadDir != want {
			t.Errorf("%q: downloadDir %q, %v; want %q", text, s.DownloadDir, err, want)
		}
	}
	_, err := decode(t, "host: pod.example.com\ntui:\n  downloadDir: files\n")
	if err == nil || !strings.Contains(err.Error(), "config.yaml:3: tui.downloadDir: want an absolute directory") {
		t.Errorf("a relative downloadDir: %v", err)
	}
}
