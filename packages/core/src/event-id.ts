/**
 * Event ids are Redis stream entry ids: "<milliseconds>-<sequence>", both unsigned 64-bit
 * integers in decimal (https://redis.io/docs/latest/develop/data-types/streams/#entry-ids). They
 * order events in time; compare them numerically with `compareEventIds`, never as strings
 * ("10-0" sorts before "9-0" as a string).
 */
const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;
const UINT64_MAX = 2n ** 64n - 1n;

/** The two parts of a stream id, or null when `value` is not one (Redis refuses a part past 2^64 − 1). */
function parseEventId(value: unknown): [bigint, bigint] | null {
  const match = typeof value === "string" ? STREAM_ID.exec(value) : null;
  if (!match) return null;
  const parts: [bigint, bigint] = [BigInt(match[1]!), BigInt(match[2]!)];
  return parts[0] <= UINT64_MAX && parts[1] <= UINT64_MAX ? parts : null;
}

/** True when `value` is a complete stream entry id Redis accepts ("1700000000000-0"). */
export function isEventId(value: unknown): value is string {
  return parseEventId(value) !== null;
}

/**
 * Compares two stream ids numerically: negative when `a` is older than `b`, 0 when equal,
 * positive when newer. Throws a TypeError when either is not a stream id.
 */
export function compareEventIds(a: string, b: string): number {
  const pa = parseEventId(a);
  const pb = parseEventId(b);
  if (!pa || !pb) throw new TypeError(`Not a stream id: ${pa ? b : a}`);
  if (pa[0] !== pb[0]) return pa[0] < pb[0] ? -1 : 1;
  return pa[1] === pb[1] ? 0 : pa[1] < pb[1] ? -1 : 1;
}
