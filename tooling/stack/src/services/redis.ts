import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { binDir } from "../paths";
import { HOST } from "../profiles";
import { ensureAptCommand } from "../install";
import type { ServiceSpec } from "./types";

/**
 * Redis: Debian's redis-server (apt-get installed if missing), in memory only; when `durable`,
 * with the append-only file in dataDir, fsynced on every write (`appendfsync always`), so a
 * restart, even after SIGKILL, keeps every write it acknowledged (https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/).
 */
export const redis: ServiceSpec = {
  name: "redis",
  startTimeoutMs: 15_000,
  async probe({ url }) {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 1000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  },
  async prepare({ port, dataDir, durable, log }) {
    const server = await ensureAptCommand("redis-server", "redis-server", join(binDir, "apt.log"), log);
    mkdirSync(dataDir, { recursive: true });
    return {
      command: server,
      args: [
        "--bind",
        HOST,
        "--port",
        String(port),
        "--save",
        "",
        ...(durable ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]),
        "--daemonize",
        "no",
        "--dir",
        dataDir,
      ],
    };
  },
};
