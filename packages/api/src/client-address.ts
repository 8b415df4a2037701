import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/** The client address when the peer is not known (all such requests share one rate-limit bucket). */
const UNKNOWN = "unknown";

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) as `203.0.113.7`; other addresses unchanged. */
function unmapIpv4(address: string): string {
  return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address) ? address.slice("::ffff:".length) : address;
}

/**
 * The address of the client a request came from, the key of per-client rate limits (OTP
 * requests, staff sign-in attempts). With `trustedHops` 0 it is the socket's `peer`; behind
 * proxies, each of the `trustedHops` proxies nearest to the server (the load balancer, ...) is
 * trusted to append the address it received the request from to `X-Forwarded-For`, so the
 * client address is the entry `trustedHops` from the right; entries left of it are whatever the
 * client wrote and are ignored. This is Express's `trust proxy = <number>`, computed by the same
 * library (`proxy-addr`); with fewer entries than hops, the leftmost one.
 *
 * @param opts.peer the socket's remote address (IPv4, IPv6 or IPv4-mapped IPv6); undefined when unknown.
 * @param opts.forwardedFor the `X-Forwarded-For` header ("client, proxy1, proxy2"), null when absent.
 * @param opts.trustedHops proxies in front of the server (`TRUST_PROXY_HOPS`), 0 when clients connect directly.
 * @returns the address, IPv4-mapped IPv6 written as IPv4; "unknown" when the peer is unknown.
 */
export function clientAddress(opts: {
  peer: string | undefined;
  forwardedFor: string | null;
  trustedHops: number;
}): string {
  if (!opts.peer) return UNKNOWN;
  // proxy-addr reads a Node request: the socket's address and the X-Forwarded-For header.
  const req = {
    socket: { remoteAddress: opts.peer },
    headers: opts.forwardedFor === null ? {} : { "x-forwarded-for": opts.forwardedFor },
  } as unknown as IncomingMessage;
  return unmapIpv4(proxyAddr(req, (_address, hop) => hop < opts.trustedHops));
}
