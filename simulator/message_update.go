package simulator

import "strings"

// hasForm reports whether a message's PresentationML holds a Symphony
// Elements form, which the agent does not let its author update: the
// answers already submitted belong to the form as it was sent.
func hasForm(pml string) bool {
	return strings.Contains(pml, "<form")
}
