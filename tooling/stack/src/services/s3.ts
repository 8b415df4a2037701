/**
 * The local S3 stand-in: versitygw (https://github.com/versity/versitygw) with its posix
 * backend, built from the Go module proxy at the version tooling/versitygw/go.mod pins.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CreateBucketCommand, HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { binDir, repoRoot } from "../paths";
import { HOST, LOCAL_AWS, MEDIA_BUCKET } from "../profiles";
import { cached, findCommand, hashFiles, runLogged } from "../install";
import type { ServiceContext, ServiceSpec } from "./types";

const moduleDir = join(repoRoot, "tooling", "versitygw");
const binary = join(binDir, "versitygw");

/**
 * Builds `.data/bin/versitygw` (`go build` of github.com/versity/versitygw/cmd/versitygw, the
 * version tooling/versitygw/go.mod pins, checked against its go.sum) unless the hash of go.mod and
 * go.sum beside the binary is current. Returns the binary's path.
 * Throws if Go is missing or the build fails (log: `.data/bin/versitygw-build.log`).
 */
async function buildVersitygw(log: (line: string) => void): Promise<string> {
  await cached(
    `${binary}.sha256`,
    hashFiles([join(moduleDir, "go.mod"), join(moduleDir, "go.sum")]),
    () => existsSync(binary),
    async () => {
      const go = findCommand("go", ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"]);
      if (!go)
        throw new Error(
          "stack: Go >= 1.25 is needed to build versitygw, the local S3 (https://go.dev/dl/), or set S3_ENDPOINT",
        );
      const logFile = join(binDir, "versitygw-build.log");
      const started = Date.now();
      log(`building versitygw with ${go} (first build takes a few minutes; log: ${logFile})`);
      const tmp = `${binary}.${process.pid}.tmp`;
      const env = { ...process.env, GOFLAGS: "-mod=readonly", CGO_ENABLED: "0" };
      try {
        await runLogged(go, ["build", "-trimpath", "-o", tmp, "github.com/versity/versitygw/cmd/versitygw"], {
          cwd: moduleDir,
          logFile,
          env,
        });
        renameSync(tmp, binary);
      } finally {
        rmSync(tmp, { force: true });
      }
      log(`built versitygw in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );
  return binary;
}

/** An S3 client of the local stand-in at `url`, as its root account (`LOCAL_AWS` credentials). */
function localS3(url: string): S3Client {
  return new S3Client({
    endpoint: url,
    region: LOCAL_AWS.AWS_REGION,
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: LOCAL_AWS.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS.AWS_SECRET_ACCESS_KEY },
  });
}

/** Resolves true if the local S3 at `url` answers HeadBucket for the photos bucket; never rejects. */
async function bucketExists({ url }: ServiceContext): Promise<boolean> {
  const client = localS3(url);
  try {
    await client.send(new HeadBucketCommand({ Bucket: MEDIA_BUCKET }), { abortSignal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/**
 * S3: versitygw's posix backend on `<dataDir>/buckets` (one directory per bucket, one file per
 * object, so every acknowledged write is on disk), object metadata (content type, cache control)
 * in a sidecar directory `<dataDir>/meta` (no extended attributes needed from the filesystem),
 * listening on 127.0.0.1 only, with the `LOCAL_AWS` credentials as its root account. The photos
 * bucket (`MEDIA_BUCKET`) is created once the gateway answers (`provision`).
 */
export const s3: ServiceSpec = {
  name: "s3",
  startTimeoutMs: 20_000,
  async probe({ url }) {
    try {
      // Any S3 answer (even 403 for an unsigned request) says the gateway is up; `provision` does the rest.
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(1500) });
      return res.headers.get("content-type")?.includes("xml") ?? false;
    } catch {
      return false;
    }
  },
  async provision(ctx) {
    if (await bucketExists(ctx)) return;
    const client = localS3(ctx.url);
    try {
      await client.send(new CreateBucketCommand({ Bucket: MEDIA_BUCKET }));
    } finally {
      client.destroy();
    }
  },
  async prepare({ port, dataDir, log }) {
    const bin = await buildVersitygw(log);
    const buckets = join(dataDir, "buckets");
    const meta = join(dataDir, "meta");
    mkdirSync(buckets, { recursive: true });
    mkdirSync(meta, { recursive: true });
    return {
      command: bin,
      args: [
        "--port",
        `${HOST}:${port}`,
        "--access",
        LOCAL_AWS.AWS_ACCESS_KEY_ID,
        "--secret",
        LOCAL_AWS.AWS_SECRET_ACCESS_KEY,
        "--region",
        LOCAL_AWS.AWS_REGION,
        "--quiet",
        "posix",
        "--sidecar",
        meta,
        buckets,
      ],
      cwd: dataDir,
      // Only what versitygw needs: its VGW_* variables must not leak in from the stack's environment.
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dataDir },
    };
  },
};
