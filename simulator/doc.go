// Package simulator is an in-process Symphony pod: the pod API (/pod), the
// RSA login of the pod (/login) and of the key manager (/relay), and the
// agent API (/agent), served together on one listener so that a real
// Symphony client — tutti's, or a BDK — can use it unchanged.
//
// Contract:
//   - Start listens on exactly the address it is given and serves until its
//     context is done or Close is called. Every response is what a real pod
//     or agent answers for the same request: the same paths, JSON shapes,
//     status codes and error bodies ({"code":N,"message":"..."}). An
//     operation of Symphony's official documents that the simulator does
//     not serve answers 501 with such a body naming it (unserved.go); a path
//     in no document answers 404.
//   - State lives in memory. A seeded scenario (package scenario) provides
//     the company, days of history (stored without datafeed delivery) and a
//     stream of live actions, each applied as the pod would: it changes the
//     state and emits the V4Event a real pod emits, to the datafeeds of the
//     users a real pod delivers it to.
//   - Datafeed v2 is at-least-once: a batch is delivered again until the
//     next read acknowledges it with its ackId. Datafeed v1 is at-most-once
//     with a bounded unread capacity. Feeds survive session expiry.
//   - Faults (ParseFaults, POST /simulator/faults) make the server misbehave
//     the way real deployments do, so that clients can prove they recover.
//   - When Options.Ledger is set, every event generated for the primary
//     service account from the creation of its first datafeed on is written
//     there, one JSON line each, in order of generation.
//   - With Options.Replay the server replays a recording (package record)
//     instead of playing a scenario, through the same login, datafeed and
//     error handling: the datafeeds deliver the recorded batches at their
//     recorded pace (divided by Speed), and the session, streams list,
//     users, stream and room info and history answer from the recording as
//     it stood at that point, times moved to the replay's (replay*.go).
//   - Endpoints under /simulator/ are the simulator's own administration
//     API; they are not part of Symphony's API and need no authentication.
//
// Concurrency: all mutable state sits behind one mutex (Server.mu); handlers
// hold it only for in-memory work, never across I/O or a wait. Long polls
// wait outside the lock on a per-feed channel that is closed when events
// arrive, together with the request context, the poll timeout and the
// server's shutdown. MessageML conversion runs outside the lock (its user
// resolver takes the lock itself). Background goroutines (the scenario's
// live actions, the fault schedule, the HTTP server) end on Close, which
// waits for them.
package simulator
