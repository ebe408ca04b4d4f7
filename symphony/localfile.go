package symphony

import (
	"fmt"
	"io"
	"os"
)

// MaxConfigFileSize bounds the configuration, key and trust store files
// tutti reads: far above any real one.
const MaxConfigFileSize = 4 << 20

// ReadLocalFile reads a local file of at most max bytes. It refuses what
// is not a regular file (a FIFO, a device, a directory: reading one could
// block forever or never end) and a file over max, naming the file.
func ReadLocalFile(path string, max int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, DescribeMode(info.Mode()))
	}
	if info.Size() > max {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d bytes such a file can be", path, info.Size(), max)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Stat what was opened: the path may have changed since.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is more than the %d bytes such a file can be", path, max)
	}
	return data, nil
}

// DescribeMode names what a file of mode m is, for the refusal of one that
// is not a regular file: "a directory", "a named pipe"…
func DescribeMode(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	default:
		return "mode " + m.String()
	}
}
