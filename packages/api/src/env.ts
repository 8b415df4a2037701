import { createEnv } from "@t3-oss/env-core";
import { authEnv } from "@tabletap/auth";
import { envOptions, guestAppUrlSchema, logLevelSchema, nodeEnvSchema, type EnvSource } from "@tabletap/core/env";
import { isPhoneCountry } from "@tabletap/core/phone";
import { dbEnv } from "@tabletap/db";
import { mediaEnv } from "@tabletap/media";
import { notifyEnv } from "@tabletap/notify";
import { paymentsEnv } from "@tabletap/payments";
import { queueEnv } from "@tabletap/queue";
import { redisEnv } from "@tabletap/redis";
import { z } from "zod";

/**
 * The API server's environment: its own variables plus every package's (composed with
 * `extends`; the one place the API reads `process.env`). Empty strings count as unset.
 * @throws Error naming every invalid variable of the first package whose check fails, so a
 * production deployment with a missing or default secret refuses to start.
 */
export function loadServerEnv(source: EnvSource = process.env) {
  return createEnv({
    server: {
      NODE_ENV: nodeEnvSchema,
      GUEST_APP_URL: guestAppUrlSchema(source),
      LOG_LEVEL: logLevelSchema,
      /**
       * Proxies (load balancer, CDN, ...) between the clients and this server, each appending the
       * address it received the request from to `X-Forwarded-For`. The client address (the key of
       * the per-client rate limits) is the entry this many from the right; entries left of it are
       * written by the client and ignored (`clientAddress`). 0 (default): clients connect directly
       * and the socket's address is used, whatever `X-Forwarded-For` says. Set it to exactly the
       * number of proxies: one too many lets a client choose its address, one too few keys every
       * client by the proxy's address.
       */
      TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
      /**
       * API requests one process runs at once (live subscriptions not counted); past it, requests
       * are answered 503 with `Retry-After` at once instead of queueing (see `createApiHandler`).
       */
      API_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
      /**
       * Countries (ISO 3166-1 alpha-2, comma-separated: "IN" or "IN,NP") whose mobile numbers may be
       * texted a sign-in code when the guest signs in without a table code; at a table, its
       * restaurant's `allowedPhoneCountries` decide (against SMS pumping).
       */
      OTP_ALLOWED_COUNTRIES: z
        .string()
        .default("IN")
        .transform((list) => list.split(",").map((code) => code.trim().toUpperCase()))
        .pipe(
          z
            .array(z.string().refine(isPhoneCountry, "must be ISO 3166-1 alpha-2 country codes, e.g. IN or IN,NP"))
            .min(1),
        ),
    },
    extends: [
      dbEnv(source),
      authEnv(source),
      redisEnv(source),
      queueEnv(source),
      notifyEnv(source),
      mediaEnv(source),
      paymentsEnv(source),
    ],
    ...envOptions(source),
  });
}
export type ServerEnv = ReturnType<typeof loadServerEnv>;
