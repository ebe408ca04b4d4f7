package simulator

import "github.com/tutti-chat/tutti/symphony"

// textSuccess is the answer of a call that changes something and returns
// nothing else: a TEXT message saying what it did (SuccessResponse).
func textSuccess(message string) symphony.SuccessResponse {
	return symphony.SuccessResponse{Format: "TEXT", Message: message}
}
