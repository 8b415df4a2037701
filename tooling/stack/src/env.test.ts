import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LOCAL_RAZORPAY_ACCOUNT } from "@tabletap/payments";
import { describe, expect, it } from "vitest";
import { localServices, localUrl, redactUrl, stackEnv } from "./env";
import { repoRoot } from "./paths";
import { mongodbChoice } from "./services/mongodb";
import { razorpayWebhookUrl } from "./services/razorpay";
import { elasticmqConf } from "./services/sqs";

describe("localServices", () => {
  it("starts everything when nothing is configured", () => {
    expect(localServices({})).toEqual(["mongodb", "redis", "sqs", "ses", "s3", "razorpay"]);
  });

  it("treats AWS_REGION without endpoints as real SQS, SES and S3", () => {
    expect(localServices({ AWS_REGION: "ap-south-1" })).toEqual(["mongodb", "redis", "razorpay"]);
    expect(localServices({ AWS_REGION: "ap-south-1", SES_ENDPOINT: "http://x" })).toEqual([
      "mongodb",
      "redis",
      "razorpay",
    ]);
  });

  it("treats Razorpay keys without RAZORPAY_API_URL as real Razorpay, and RAZORPAY_API_URL as a driver running elsewhere", () => {
    expect(localServices({ RAZORPAY_KEY_ID: "rzp_live_X" })).not.toContain("razorpay");
    expect(localServices({ RAZORPAY_API_URL: "http://127.0.0.1:7080" })).not.toContain("razorpay");
  });

  it("starts nothing when every URL is set", () => {
    expect(
      localServices({
        MONGODB_URI: "mongodb://db",
        REDIS_URL: "redis://r",
        SQS_ENDPOINT: "http://q",
        SES_ENDPOINT: "http://s",
        S3_ENDPOINT: "http://b",
        RAZORPAY_API_URL: "http://r",
      }),
    ).toEqual([]);
  });
});

describe("mongodbChoice", () => {
  it("starts mongo-java-server by default: H2 in a file for dev, in memory for test", () => {
    expect(mongodbChoice({}, "dev")).toEqual({ standIn: "mongo-java-server", store: "file" });
    expect(mongodbChoice({ LOCAL_MONGODB: "" }, "test")).toEqual({ standIn: "mongo-java-server", store: "memory" });
  });

  it("follows LOCAL_MONGODB and LOCAL_MONGODB_STORE, and rejects unknown values", () => {
    expect(mongodbChoice({ LOCAL_MONGODB: "ferretdb" }, "dev").standIn).toBe("ferretdb");
    expect(mongodbChoice({ LOCAL_MONGODB_STORE: "file" }, "test").store).toBe("file");
    expect(() => mongodbChoice({ LOCAL_MONGODB: "mongod" }, "dev")).toThrow(/LOCAL_MONGODB=mongod/);
    expect(() => mongodbChoice({ LOCAL_MONGODB_STORE: "disk" }, "dev")).toThrow(/LOCAL_MONGODB_STORE=disk/);
  });

  it("keeps a durable stack's documents in the file store, and refuses the memory store for it", () => {
    expect(mongodbChoice({}, "test", true).store).toBe("file");
    expect(() => mongodbChoice({ LOCAL_MONGODB_STORE: "memory" }, "test", true)).toThrow(/durable stack needs file/);
  });
});

describe("stackEnv", () => {
  it("gives local URLs, queue names, the photos bucket and local AWS credentials for local services", () => {
    const urls = {
      mongodb: localUrl("mongodb", 41001, "tabletap_test"),
      redis: localUrl("redis", 41002, ""),
      sqs: localUrl("sqs", 41003, ""),
      ses: localUrl("ses", 41004, ""),
      s3: localUrl("s3", 41005, ""),
    };
    expect(stackEnv({}, urls)).toEqual({
      MONGODB_URI: "mongodb://127.0.0.1:41001/tabletap_test",
      REDIS_URL: "redis://127.0.0.1:41002",
      SQS_ENDPOINT: "http://127.0.0.1:41003",
      SES_ENDPOINT: "http://127.0.0.1:41004",
      S3_ENDPOINT: "http://127.0.0.1:41005",
      S3_BUCKET: "tabletap-media",
      S3_REGION: "ap-south-1",
      SQS_ORDERS_QUEUE: "orders",
      SQS_ORDERS_DLQ: "orders-dlq",
      AWS_REGION: "ap-south-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    });
  });

  it("passes configured services through and keeps existing AWS credentials", () => {
    const env = stackEnv(
      { MONGODB_URI: "mongodb://atlas/x", SES_ENDPOINT: "http://ses", AWS_ACCESS_KEY_ID: "mine" },
      { redis: localUrl("redis", 6379, ""), sqs: localUrl("sqs", 9324, "") },
    );
    expect(env.MONGODB_URI).toBe("mongodb://atlas/x");
    expect(env.SES_ENDPOINT).toBe("http://ses");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(env.AWS_ACCESS_KEY_ID).toBe("mine");
    expect(env.AWS_SECRET_ACCESS_KEY).toBe("local");
  });
});

describe("the local Razorpay", () => {
  it("exports its URL, Checkout script and the default account's public test keys", () => {
    expect(stackEnv({}, { razorpay: localUrl("razorpay", 41006, "") })).toEqual({
      RAZORPAY_API_URL: "http://127.0.0.1:41006",
      RAZORPAY_CHECKOUT_URL: "http://127.0.0.1:41006/v1/checkout.js",
      RAZORPAY_KEY_ID: LOCAL_RAZORPAY_ACCOUNT.keyId,
      RAZORPAY_KEY_SECRET: LOCAL_RAZORPAY_ACCOUNT.keySecret,
      RAZORPAY_WEBHOOK_SECRET: LOCAL_RAZORPAY_ACCOUNT.webhookSecret,
    });
  });

  it("passes real Razorpay's keys through", () => {
    const real = { RAZORPAY_KEY_ID: "rzp_live_X", RAZORPAY_KEY_SECRET: "s", RAZORPAY_WEBHOOK_SECRET: "w" };
    expect(stackEnv(real, {})).toEqual(real);
  });

  it("sends the dev stack's webhooks to the guest app, the test stack's only where told", () => {
    expect(razorpayWebhookUrl({}, "dev")).toBe("http://127.0.0.1:3000/api/webhooks/razorpay");
    expect(razorpayWebhookUrl({ GUEST_APP_URL: "http://127.0.0.1:4100" }, "dev")).toBe(
      "http://127.0.0.1:4100/api/webhooks/razorpay",
    );
    expect(razorpayWebhookUrl({}, "test")).toBeNull();
    expect(razorpayWebhookUrl({ RAZORPAY_LOCAL_WEBHOOK_URL: "http://127.0.0.1:9/hook" }, "test")).toBe(
      "http://127.0.0.1:9/hook",
    );
  });
});

describe("helpers", () => {
  it("redacts passwords in URLs", () => {
    expect(redactUrl("mongodb+srv://app:s3cret@cluster.example/db")).toBe("mongodb+srv://app:***@cluster.example/db");
  });

  it("binds ElasticMQ to loopback and defines the orders queues", () => {
    const conf = elasticmqConf("127.0.0.1", 9424);
    expect(conf).toContain('bind-hostname = "127.0.0.1", bind-port = 9424');
    expect(conf).toContain('deadLettersQueue { name = "orders-dlq", maxReceiveCount = 5 }');
    expect(conf).not.toContain("messages-storage");
  });

  it("keeps ElasticMQ's messages in an H2 file written at every change when asked to", () => {
    const conf = elasticmqConf("127.0.0.1", 9424, { messagesDb: "/data/sqs/messages" });
    expect(conf).toContain('messages-storage { enabled = true, uri = "jdbc:h2:/data/sqs/messages;WRITE_DELAY=0" }');
  });

  it("defines the same queues for docker-compose", () => {
    const queues = (conf: string) => conf.slice(conf.indexOf("queues {"));
    const docker = readFileSync(join(repoRoot, "tooling", "elasticmq", "elasticmq.docker.conf"), "utf8");
    expect(queues(docker)).toBe(queues(elasticmqConf("127.0.0.1", 9324)));
  });
});
