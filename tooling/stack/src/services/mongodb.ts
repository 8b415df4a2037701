/**
 * The local MongoDB stand-ins: mongo-java-server with its H2 backend (default) or FerretDB v1 on
 * SQLite, picked with `LOCAL_MONGODB`.
 */
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { binDir, repoRoot } from "../paths";
import { HOST, type StackProfile } from "../profiles";
import { cached, findCommand, hashFiles, resolveMavenClasspath, runLogged } from "../install";
import type { ServiceContext, ServiceSpec } from "./types";

const sourceDir = join(repoRoot, "tooling", "ferretdb");
const binary = join(binDir, "ferretdb-launcher");
const mjsDir = join(repoRoot, "tooling", "mongo-java-server");
const mjsClasses = join(binDir, "mongo-java-server-classes");

/** The stand-ins `LOCAL_MONGODB` can name. */
const MONGODB_STAND_INS = ["mongo-java-server", "ferretdb"] as const;
type MongodbStandIn = (typeof MONGODB_STAND_INS)[number];

/** Where mongo-java-server keeps its H2 store: a file in the service's dataDir, or memory only. */
type MongodbStore = "file" | "memory";

type Env = Record<string, string | undefined>;

/**
 * The stand-in and store the environment asks for: `LOCAL_MONGODB` (default mongo-java-server)
 * and, for mongo-java-server, `LOCAL_MONGODB_STORE` (default `file` for dev and for a `durable`
 * stack, `memory` for test, whose data is deleted at stop anyway). Empty values count as unset.
 *
 * @throws Error naming the allowed values if either variable holds anything else, or when a
 *   `durable` stack is asked for the memory store (a restart would lose every document).
 */
export function mongodbChoice(
  env: Env,
  profile: StackProfile,
  durable = false,
): { standIn: MongodbStandIn; store: MongodbStore } {
  const standIn = env.LOCAL_MONGODB || "mongo-java-server";
  if (!(MONGODB_STAND_INS as readonly string[]).includes(standIn))
    throw new Error(`stack: LOCAL_MONGODB=${standIn} is not one of ${MONGODB_STAND_INS.join(", ")}`);
  const store = env.LOCAL_MONGODB_STORE || (profile === "test" && !durable ? "memory" : "file");
  if (store !== "file" && store !== "memory")
    throw new Error(`stack: LOCAL_MONGODB_STORE=${store} is not one of file, memory`);
  if (durable && store === "memory")
    throw new Error("stack: LOCAL_MONGODB_STORE=memory can't keep data across a restart; a durable stack needs file");
  return { standIn: standIn as MongodbStandIn, store };
}

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

/**
 * Resolves mongo-java-server's classpath (tooling/mongo-java-server/pom.xml) and compiles
 * Launcher.java against it into `.data/bin/mongo-java-server-classes/`, unless the hash of the
 * pom and the launcher beside the classes is current. Installs a JDK and Maven with apt-get if
 * missing. Returns java's path and the full classpath (launcher classes first).
 * Throws if Maven or javac fails (logs in `.data/bin/`).
 */
async function buildMongoJavaServerLauncher(log: (line: string) => void): Promise<{ java: string; classpath: string }> {
  const pom = join(mjsDir, "pom.xml");
  const source = join(mjsDir, "Launcher.java");
  const { java, classpath } = await resolveMavenClasspath({ name: "mongo-java-server", pom, jdk: true, log });
  await cached(
    `${mjsClasses}.sha256`,
    hashFiles([pom, source]),
    () => existsSync(join(mjsClasses, "Launcher.class")),
    async () => {
      const javac = findCommand("javac") ?? "javac";
      const tmp = `${mjsClasses}.${process.pid}.tmp`;
      try {
        await runLogged(javac, ["-d", tmp, "-cp", classpath, source], {
          logFile: join(binDir, "mongo-java-server-build.log"),
        });
        rmSync(mjsClasses, { recursive: true, force: true });
        renameSync(tmp, mjsClasses);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      log("compiled the mongo-java-server launcher");
    },
  );
  return { java, classpath: `${mjsClasses}:${classpath}` };
}

/** Resolves true if a MongoDB server answers `ping` at `url`; never rejects. */
async function pingMongodb({ url }: ServiceContext): Promise<boolean> {
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
}

/**
 * MongoDB, as `LOCAL_MONGODB` / `LOCAL_MONGODB_STORE` say (see {@link mongodbChoice}):
 * mongo-java-server 1.47 with the H2 backend on the JVM, reporting MongoDB 6.0, its store in
 * `<dataDir>/mongodb.mv.db` or in memory; or FerretDB v1 with the SQLite backend, one .sqlite file
 * per database in dataDir. Throws like {@link mongodbChoice}.
 */
export function mongodbService(env: Env, profile: StackProfile, durable = false): ServiceSpec {
  const { standIn, store } = mongodbChoice(env, profile, durable);
  return standIn === "ferretdb" ? ferretdb : mongoJavaServer(store);
}

/** mongo-java-server (H2 backend) with its store in a file of dataDir or in memory. */
function mongoJavaServer(store: MongodbStore): ServiceSpec {
  return {
    name: "mongodb",
    startTimeoutMs: 60_000,
    probe: pingMongodb,
    async prepare({ port, dataDir, log }) {
      const { java, classpath } = await buildMongoJavaServerLauncher(log);
      return {
        command: java,
        args: [
          "-XX:+UseSerialGC",
          "-Xmx1g",
          "-cp",
          classpath,
          "Launcher",
          HOST,
          String(port),
          store === "memory" ? ":memory:" : join(dataDir, "mongodb.mv.db"),
        ],
        cwd: dataDir,
      };
    },
  };
}

/** FerretDB v1 with the SQLite backend, one .sqlite file per database in dataDir. */
const ferretdb: ServiceSpec = {
  name: "mongodb",
  startTimeoutMs: 30_000,
  probe: pingMongodb,
  async prepare({ port, dataDir, log }) {
    const bin = await buildFerretdbLauncher(log);
    return { command: bin, args: ["-listen", `${HOST}:${port}`, "-dir", dataDir] };
  },
};
