package symphony

import "context"

// UpdateMessage replaces message messageID of a stream with a new version,
// MessageML or PresentationML with its EntityJSON data ("" for none), and
// returns the new version as the agent stored it: a message of its own
// whose replacing and initialMessageId name the versions before it. The
// update is silent (recipients see it as read), the agent's default. Only
// the author may update a message; the agent refuses others with 403.
func (c *Client) UpdateMessage(ctx context.Context, streamID, messageID, message, data string) (V4Message, error) {
	path := "/agent/v4/stream/" + pathID(streamID) + "/message/" + pathID(messageID) + "/update"
	return c.postMessage(ctx, "update message", path, message, data, nil)
}
