/**
 * Event ids are Redis stream entry ids: "<milliseconds>-<sequence>", both decimal integers.
 * They order events in time; compare them numerically with `compareEventIds`, never as strings
 * ("10-0" sorts before "9-0" as a string).
 */
const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;

/** True when `value` is a complete stream entry id ("1700000000000-0"). */
export function isEventId(value: unknown): value is string {
  return typeof value === "string" && STREAM_ID.test(value);
}

/**
 * Compares two stream ids numerically: negative when `a` is older than `b`, 0 when equal,
 * positive when newer. Throws a TypeError when either is not a stream id.
 */
export function compareEventIds(a: string, b: string): number {
  const ma = STREAM_ID.exec(a);
  const mb = STREAM_ID.exec(b);
  if (!ma || !mb) throw new TypeError(`Not a stream id: ${ma ? b : a}`);
  const msA = BigInt(ma[1]!);
  const msB = BigInt(mb[1]!);
  if (msA !== msB) return msA < msB ? -1 : 1;
  const seqA = BigInt(ma[2]!);
  const seqB = BigInt(mb[2]!);
  return seqA === seqB ? 0 : seqA < seqB ? -1 : 1;
}
