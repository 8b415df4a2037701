/**
 * The request header through which an app's web server (`@tabletap/next-server`) hands the
 * address of the TCP peer (`req.socket.remoteAddress`, e.g. `127.0.0.1` or `::ffff:10.0.0.7`) to
 * the API's route handler. The server sets it on every request, overwriting any value the client
 * sent: `next start` passes on a client-written `X-Forwarded-For`, so behind it a route handler
 * could not tell who connected. The API takes it as the client address, or as the nearest
 * proxy's when `TRUST_PROXY_HOPS` says to trust that many `X-Forwarded-For` entries.
 */
export const PEER_ADDRESS_HEADER = "x-tabletap-peer-address";
