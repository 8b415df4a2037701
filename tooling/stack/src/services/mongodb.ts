import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { binDir, repoRoot } from "../paths";
import { HOST } from "../profiles";
import { cached, findCommand, hashFiles, runLogged } from "../install";
import type { ServiceSpec } from "./types";

const sourceDir = join(repoRoot, "tooling", "ferretdb");
const binary = join(binDir, "ferretdb-launcher");

/**
 * Builds `.data/bin/ferretdb-launcher` from tooling/ferretdb (go.mod pins FerretDB) unless the
 * hash of go.mod, go.sum and *.go beside the binary is current. Returns the binary's path.
 * Throws if Go is missing or the build fails (log: `.data/bin/ferretdb-build.log`).
 */
async function buildFerretdbLauncher(log: (line: string) => void): Promise<string> {
  const sources = [
    "go.mod",
    "go.sum",
    ...readdirSync(sourceDir)
      .filter((f) => f.endsWith(".go"))
      .sort(),
  ].map((f) => join(sourceDir, f));
  await cached(
    `${binary}.sha256`,
    hashFiles(sources),
    () => existsSync(binary),
    async () => {
      const go = findCommand("go", ["/usr/local/go/bin/go", "/usr/lib/go/bin/go"]);
      if (!go)
        throw new Error(
          "stack: Go >= 1.22 is needed to build the FerretDB launcher (https://go.dev/dl/), or set MONGODB_URI",
        );
      const logFile = join(binDir, "ferretdb-build.log");
      const started = Date.now();
      log(`building the FerretDB launcher with ${go} (first build takes a minute or two; log: ${logFile})`);
      const tmp = `${binary}.${process.pid}.tmp`;
      const env = { ...process.env, GOFLAGS: "-mod=readonly", CGO_ENABLED: "0" };
      try {
        await runLogged(go, ["build", "-trimpath", "-o", tmp, "."], { cwd: sourceDir, logFile, env });
        renameSync(tmp, binary);
      } finally {
        rmSync(tmp, { force: true });
      }
      log(`built the FerretDB launcher in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );
  return binary;
}

/** MongoDB: FerretDB v1 with the SQLite backend, one .sqlite file per database in dataDir. */
export const mongodb: ServiceSpec = {
  name: "mongodb",
  startTimeoutMs: 30_000,
  async probe({ url }) {
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: 1500,
      connectTimeoutMS: 1500,
      directConnection: true,
    });
    try {
      const reply = await client.db("admin").command({ ping: 1 });
      return reply.ok === 1;
    } catch {
      return false;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
  async prepare({ port, dataDir, log }) {
    const bin = await buildFerretdbLauncher(log);
    return { command: bin, args: ["-listen", `${HOST}:${port}`, "-dir", dataDir] };
  },
};
