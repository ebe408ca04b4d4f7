// Package session assembles what a tutti command works with, before any
// event is read: it finds the configuration file (ResolveConfigPath) and
// writes its template (ConfigTemplate), refuses a private key or a file
// of tutti's that other users may read (CheckKeyPermissions, OpenPrivate),
// logs in to the pod of the configuration, or to the embedded simulator
// when there is none, or replays a recording (Connect, ConnectReplay),
// records the pod's answers when asked (Recording), looks up the names of
// the account's streams and their members (LoadNames), opens the account's
// state directory (OpenStateDir) and the debug log (OpenLog), and names the
// datafeed tutti reads so that it never reads another consumer's
// (Conn.FeedOptions).
//
// The command line (internal/cli) turns flags into the types of this
// package; nothing here reads a flag or writes to the terminal.
package session
