// Package symphony is tutti's REST client for a Symphony pod, key manager and
// agent, and the wire types they exchange.
//
// Contract:
//   - Wire types mirror the official OpenAPI documents field for field, with
//     the exact JSON names. Decoding is lenient: unknown fields and unknown
//     event types are kept out of the way, never rejected.
//   - Every id that crosses this package's boundary in a map key or a URL path
//     is in the canonical URL-safe, unpadded base64 form (see CanonicalID).
//   - A Client is safe for concurrent use. On a 401 it logs in again once,
//     however many calls are waiting, and retries each call once.
//   - Errors are *APIError for an HTTP answer that is not a success, wrapped
//     with the operation; helpers such as IsFeedGone and IsRateLimited
//     classify them. Network failures are classified by IsNetwork.
//   - Configuration is the Symphony BDK config.yaml format (see LoadConfig).
package symphony
