import { createEnv } from "@t3-oss/env-core";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/**
 * The variables the apps' pages need in their proxy (src/proxy.ts), from `source` (default
 * `process.env`): `S3_PUBLIC_URL` (see @tabletap/media), the bucket or CDN menu photos load from,
 * whose origin the Content-Security-Policy allows images from. @throws Error when it is not a URL.
 */
export function pagesEnv(source: EnvSource = process.env) {
  return createEnv({ server: { S3_PUBLIC_URL: z.url().optional() }, ...envOptions(source) });
}
