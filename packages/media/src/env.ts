import { createEnv } from "@t3-oss/env-core";
import { envOptions, type EnvSource } from "@tabletap/core/env";
import { z } from "zod";

/**
 * Variables the media package needs (apps validate them once at start-up through `mediaEnv`,
 * where an empty string counts as unset).
 */
export const mediaEnvSchema = z.object({
  /** S3-compatible endpoint, e.g. the local stand-in "http://127.0.0.1:7070" (path-style addressing); unset = AWS S3. */
  S3_ENDPOINT: z.url().optional(),
  /** The bucket photos are stored in. */
  S3_BUCKET: z.string().min(3).max(63).default("tabletap-media"),
  /** The bucket's region. */
  S3_REGION: z.string().min(1).default("ap-south-1"),
  /**
   * Base URL browsers load photos from: a public-read bucket or a CDN in front of it (e.g.
   * "https://media.example.com"), object keys appended. Unset = the apps' own `/media/<key>`
   * route, which streams the object from S3 with `Cache-Control: immutable`.
   */
  S3_PUBLIC_URL: z.url().optional(),
  /** Explicit AWS credentials; unset = the SDK's default chain (IAM role, profile, ...). */
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
});
export type MediaEnv = z.infer<typeof mediaEnvSchema>;

/**
 * The media package's validated variables from `source` (default `process.env`; empty strings
 * count as unset); apps compose it with `extends`. @throws Error naming every invalid variable.
 */
export function mediaEnv(source: EnvSource = process.env) {
  return createEnv({ server: mediaEnvSchema.shape, ...envOptions(source) });
}
