import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { MediaEnv } from "./env";

/** How long a browser or CDN may keep a photo: a year, immutable (keys are content addresses). */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

/** A stored object as the media route streams it. */
export interface MediaObject {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  contentLength: number | undefined;
  etag: string | undefined;
}

/** The photos bucket: write an object, read one back. */
export interface MediaStore {
  bucket: string;
  /** Stores `data` at `key` with its content type and `IMMUTABLE_CACHE_CONTROL`; rejects with the SDK's error. */
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** The object at `key`, or null when there is none; rejects with the SDK's error otherwise. */
  get(key: string): Promise<MediaObject | null>;
}

type StoreEnv = Pick<
  MediaEnv,
  "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY"
>;

/**
 * The S3 client of the photos bucket: with `S3_ENDPOINT` (the local stand-in, or any
 * S3-compatible server) path-style requests to that endpoint; without it AWS S3 in `S3_REGION`.
 * Credentials from the env values when both are set, else the SDK's default chain. Each request
 * times out after 10 s; one retry.
 */
export function createS3Client(env: StoreEnv): S3Client {
  const config: S3ClientConfig = {
    region: env.S3_REGION,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  };
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    config.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  if (env.S3_ENDPOINT) {
    config.endpoint = env.S3_ENDPOINT;
    config.forcePathStyle = true;
  }
  return new S3Client(config);
}

/** The `MediaStore` of bucket `S3_BUCKET` through `client` (`createS3Client`). */
export function createMediaStore(client: S3Client, bucket: string): MediaStore {
  return {
    bucket,
    async put(key, data, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: data,
          ContentType: contentType,
          CacheControl: IMMUTABLE_CACHE_CONTROL,
        }),
      );
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!res.Body) return null;
        return {
          body: res.Body.transformToWebStream() as ReadableStream<Uint8Array>,
          contentType: res.ContentType ?? "application/octet-stream",
          contentLength: res.ContentLength,
          etag: res.ETag,
        };
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
  };
}
