// Package names is tutti's one directory of names: the display names of
// users, their e-mail addresses, the names of rooms, the members of
// conversations and the type of every stream (IM, MIM, room, wall), as
// tail, the UI and the composer show and resolve them.
//
// It learns from every source the client sees, under one rule: the newest
// authoritative name wins. A lookup (the session's own user, a user lookup
// of the pod) is authoritative over a name an event or a history message
// carries, which may be a copy made when the message was sent; so a name
// from an event never replaces a looked-up one, and between two sources of
// the same kind the later one wins. A room's name has one source, the
// stream, and the newest seen (the streams list, an event, a rename) wins.
//
// Every name it returns has been through sanitize.Name: no control
// sequence, no invisible filler. A Directory is not safe for concurrent
// use: one goroutine owns it (tail's printer, or the UI's update loop).
package names
