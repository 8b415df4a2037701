/**
 * Bounds on one HTTP request to the API (`/api/trpc`), shared by the server (which refuses what
 * exceeds them) and the browser client (which never sends more), so a legitimate client never
 * meets them. They bound the work one request can cause: the audit's 500-call batches and
 * 10 MB / million-deep JSON bodies (issue 8, finding 7).
 */
export const API_LIMITS = {
  /**
   * Calls in one batch request (tRPC `maxBatchSize`; the client's batch link `maxItems`). A page
   * batches at most a handful of queries; 10 leaves room and caps a batch's cost at 10 calls.
   * Past it: BAD_REQUEST (HTTP 400).
   */
  maxBatchSize: 10,
  /**
   * Bytes of one request body (UTF-8 JSON), counted before anything is parsed. 256 KiB is above
   * the largest valid call (an `order.place` at every schema maximum: 100 lines of 20 options and
   * 200-character notes, about 180 KB even with every note character escaped) and 40 times below
   * the audit's 10 MB body; parsing 256 KiB of JSON takes about a millisecond.
   * Past it: PAYLOAD_TOO_LARGE (HTTP 413).
   */
  maxBodyBytes: 256 * 1024,
} as const;
