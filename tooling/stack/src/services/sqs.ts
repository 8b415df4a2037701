import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { binDir, repoRoot } from "../paths";
import { HOST, LOCAL_AWS, ORDERS_DLQ, ORDERS_QUEUE, ORDERS_QUEUE_SETTINGS } from "../profiles";
import { cached, ensureAptCommand, hashFiles, runLogged } from "../install";
import type { ServiceSpec } from "./types";

const pom = join(repoRoot, "tooling", "elasticmq", "pom.xml");
const classpathFile = join(binDir, "elasticmq.classpath");

/**
 * Resolves ElasticMQ's runtime classpath from Maven Central into `.data/bin/elasticmq.classpath`
 * (cached by the hash of tooling/elasticmq/pom.xml, redone if a jar went missing from ~/.m2).
 * Installs Java and Maven with apt-get if they are missing. Returns java's path and the classpath.
 */
async function resolveElasticmq(log: (line: string) => void): Promise<{ java: string; classpath: string }> {
  const aptLog = join(binDir, "apt.log");
  const java = await ensureAptCommand("java", "default-jre-headless", aptLog, log);
  const mvn = await ensureAptCommand("mvn", "maven", aptLog, log);
  const jarsPresent = () =>
    existsSync(classpathFile) &&
    readFileSync(classpathFile, "utf8")
      .trim()
      .split(":")
      .every((jar) => existsSync(jar));
  await cached(`${classpathFile}.sha256`, hashFiles([pom]), jarsPresent, async () => {
    const logFile = join(binDir, "elasticmq-resolve.log");
    const started = Date.now();
    log(`resolving ElasticMQ from Maven Central (log: ${logFile})`);
    const tmp = `${classpathFile}.${process.pid}.tmp`;
    try {
      await runLogged(
        mvn,
        [
          "-q",
          "-B",
          "-f",
          pom,
          "dependency:build-classpath",
          `-Dmdep.outputFile=${tmp}`,
          "-Dmdep.includeScope=runtime",
        ],
        { logFile },
      );
      renameSync(tmp, classpathFile);
    } finally {
      rmSync(tmp, { force: true });
    }
    log(`resolved ElasticMQ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  return { java, classpath: readFileSync(classpathFile, "utf8").trim() };
}

/**
 * ElasticMQ configuration (HOCON): REST SQS API on host:port only, queue URLs pointing there,
 * `orders` (30 s visibility timeout, no long polling, dead letters to `orders-dlq` after 5
 * receives) and `orders-dlq`. The Maven server has no stats UI; `rest-stats` is disabled anyway.
 */
export function elasticmqConf(host: string, port: number): string {
  return `include classpath("application.conf")

node-address { protocol = http, host = "${host}", port = ${port}, context-path = "" }
generate-node-address = false

rest-sqs { enabled = true, bind-hostname = "${host}", bind-port = ${port}, sqs-limits = strict }
rest-stats { enabled = false }

aws { region = "${LOCAL_AWS.AWS_REGION}", accountId = "000000000000" }

queues {
  "${ORDERS_QUEUE}" {
    defaultVisibilityTimeout = ${ORDERS_QUEUE_SETTINGS.visibilityTimeoutSeconds} seconds
    delay = 0 seconds
    receiveMessageWait = 0 seconds
    deadLettersQueue { name = "${ORDERS_DLQ}", maxReceiveCount = ${ORDERS_QUEUE_SETTINGS.maxReceiveCount} }
  }
  "${ORDERS_DLQ}" {
    defaultVisibilityTimeout = ${ORDERS_QUEUE_SETTINGS.visibilityTimeoutSeconds} seconds
    receiveMessageWait = 0 seconds
  }
}
`;
}

/** SQS: ElasticMQ from Maven Central on the JVM, queues defined in a generated config. */
export const sqs: ServiceSpec = {
  name: "sqs",
  startTimeoutMs: 60_000,
  async probe({ url }) {
    const client = new SQSClient({
      endpoint: url,
      region: LOCAL_AWS.AWS_REGION,
      maxAttempts: 1,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      for (const QueueName of [ORDERS_QUEUE, ORDERS_DLQ]) {
        await client.send(new GetQueueUrlCommand({ QueueName }), { abortSignal: AbortSignal.timeout(2000) });
      }
      return true;
    } catch {
      return false;
    } finally {
      client.destroy();
    }
  },
  async prepare({ port, dataDir, log }) {
    const { java, classpath } = await resolveElasticmq(log);
    mkdirSync(dataDir, { recursive: true });
    const conf = join(dataDir, "elasticmq.conf");
    writeFileSync(conf, elasticmqConf(HOST, port));
    return {
      command: java,
      args: [
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xmx256m",
        `-Dconfig.file=${conf}`,
        "-cp",
        classpath,
        "org.elasticmq.server.Main",
      ],
      cwd: dataDir,
    };
  },
};
