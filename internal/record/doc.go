// Package record writes and reads tutti's recordings: JSON lines of what a
// pod answered, to replay a session later through the simulator (package
// simulator, Options.Replay) or to attach to a bug report.
//
// Contract:
//   - A recording is UTF-8 JSON, one value per line. The first line is the
//     Header: {"kind":"header","format":1,"tutti":…,"start":…}. Every other
//     line is an Entry: its kind, the time its answer was received ("at",
//     RFC 3339 with nanoseconds) and the answer's body as the pod or agent
//     sent it (compacted onto one line). Readers skip kinds they do not
//     know, and a last line cut short by a crash.
//   - What is recorded: every datafeed batch (the events of each successful
//     v2 or v1 read that holds events), every history page (the stream, the
//     query since/until/skip/limit and the messages; an empty page as []),
//     and the answers that rebuild the scene whenever they are fetched: the
//     session user, the streams list pages (with their skip, limit and
//     filter), the users looked up, and stream info, room info and room
//     members.
//   - What is never recorded: request headers, so no sessionToken,
//     keyManagerToken, Authorization, cookie or X-Trace-Id; request bodies
//     (the login JWT), login and key manager answers (the tokens), private
//     keys, datafeed ids and ackIds, and every answer that is not a 2xx of
//     the endpoints above.
//   - Transport records at the HTTP layer, under the client: whichever code
//     path makes a call (engine, pager, directory), its answer is recorded
//     as received, fields tutti does not know included. An answer is
//     written once the client has read all of it; one cut short is not.
//   - With redaction (WriterOptions.Redact), names, e-mail addresses,
//     usernames and user ids are replaced by pseudonyms before anything is
//     written; see Redactor for what is replaced and what stays.
//
// A Writer is safe for concurrent use; a Recording read back is plain data.
// The package keeps no global mutable state.
package record
