package simulator

import (
	"crypto/sha256"
	"math/rand/v2"

	"github.com/tutti-chat/tutti/symphony"
)

// maxPlaceholder bounds the content the simulator makes up for a scenario
// attachment: the scenarios' files are a megabyte or so.
const maxPlaceholder = 32 << 20

// placeholderBytes returns the made-up content of the attachment fileID of
// size bytes (1 to maxPlaceholder): bytes of a ChaCha8 stream seeded with
// the file id, so that a download is the same on every run and can be
// compared byte for byte (AttachmentContent).
func placeholderBytes(fileID string, size int64) []byte {
	size = min(max(size, 1), maxPlaceholder)
	out := make([]byte, size)
	_, _ = rand.NewChaCha8(sha256.Sum256([]byte("tutti simulator attachment\x00" + fileID))).Read(out)
	return out
}

// AttachmentContent returns the content of the attachment fileID of the
// message messageID as the simulator serves it (GET
// /agent/v1/stream/{sid}/attachment): what was uploaded, or the made-up
// content of a scenario's file. found is false when there is none.
func (s *Server) AttachmentContent(messageID, fileID string) (data []byte, found bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.st.messages[symphony.CanonicalID(messageID)]
	if m == nil {
		return nil, false
	}
	body, ok := m.attachments[fileID]
	if !ok {
		return nil, false
	}
	if body == nil {
		body = placeholderFile(m, fileID)
	}
	return append([]byte(nil), body...), true
}
