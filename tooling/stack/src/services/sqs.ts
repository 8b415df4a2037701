import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { repoRoot } from "../paths";
import { HOST, LOCAL_AWS, ORDERS_DLQ, ORDERS_QUEUE, ORDERS_QUEUE_SETTINGS } from "../profiles";
import { resolveMavenClasspath } from "../install";
import type { ServiceSpec } from "./types";

const pom = join(repoRoot, "tooling", "elasticmq", "pom.xml");

/**
 * ElasticMQ configuration (HOCON): REST SQS API on host:port only, queue URLs pointing there,
 * `orders` (30 s visibility timeout, no long polling, dead letters to `orders-dlq` after 5
 * receives) and `orders-dlq`. The Maven server has no stats UI; `rest-stats` is disabled anyway.
 * @param opts.messagesDb an H2 database path (without `.mv.db`) to keep the messages in, so a
 *   restart keeps them (ElasticMQ's `messages-storage`); memory only without it.
 */
export function elasticmqConf(host: string, port: number, opts: { messagesDb?: string } = {}): string {
  const storage = opts.messagesDb
    ? `\nmessages-storage { enabled = true, uri = "jdbc:h2:${opts.messagesDb};WRITE_DELAY=0" }\n`
    : "";
  return `include classpath("application.conf")

node-address { protocol = http, host = "${host}", port = ${port}, context-path = "" }
generate-node-address = false

rest-sqs { enabled = true, bind-hostname = "${host}", bind-port = ${port}, sqs-limits = strict }
rest-stats { enabled = false }

aws { region = "${LOCAL_AWS.AWS_REGION}", accountId = "000000000000" }
${storage}
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

/**
 * SQS: ElasticMQ from Maven Central on the JVM, queues defined in a generated config; when
 * `durable`, messages are kept in an H2 file in dataDir (`messages.mv.db`), written at every
 * change (`WRITE_DELAY=0`; H2's default half-second delay lost messages to a SIGKILL), and
 * survive a restart.
 */
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
  async prepare({ port, dataDir, durable, log }) {
    const { java, classpath } = await resolveMavenClasspath({ name: "elasticmq", pom, log });
    mkdirSync(dataDir, { recursive: true });
    const conf = join(dataDir, "elasticmq.conf");
    writeFileSync(conf, elasticmqConf(HOST, port, durable ? { messagesDb: join(dataDir, "messages") } : {}));
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
