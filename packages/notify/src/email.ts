import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import type { SESClientConfig } from "@aws-sdk/client-ses";
import type { NotifyEnv } from "./env";

/** An email with both a plain-text and an HTML body (UTF-8). */
export interface EmailMessage {
  /** One recipient address. */
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one email. */
export interface EmailSender {
  /** Resolves to the provider's message id once accepted; rejects with the provider's error. */
  send(msg: EmailMessage): Promise<{ id: string }>;
}

export interface SesEmailSenderOptions {
  /** Sender: "orders@example.com" or "Tabletap <orders@example.com>" (a verified SES identity). */
  from: string;
  region: string;
  /** Custom endpoint, e.g. the local aws-ses-v2-local ("http://127.0.0.1:8005"). */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Use this client instead of creating one (region/endpoint/credentials are then ignored). */
  client?: SESClient;
}

/** Sends email through Amazon SES (v1 API, `SendEmail`). */
export class SesEmailSender implements EmailSender {
  readonly client: SESClient;
  private readonly from: string;

  constructor(opts: SesEmailSenderOptions) {
    this.from = opts.from;
    if (opts.client) {
      this.client = opts.client;
    } else {
      const config: SESClientConfig = { region: opts.region };
      if (opts.endpoint) config.endpoint = opts.endpoint;
      if (opts.credentials) config.credentials = opts.credentials;
      this.client = new SESClient(config);
    }
  }

  /** @see EmailSender.send — the id is SES's MessageId. Rejects with the SDK's service exception. */
  async send(msg: EmailMessage): Promise<{ id: string }> {
    const out = await this.client.send(
      new SendEmailCommand({
        Source: this.from,
        Destination: { ToAddresses: [msg.to] },
        Message: {
          Subject: { Data: msg.subject, Charset: "UTF-8" },
          Body: {
            Text: { Data: msg.text, Charset: "UTF-8" },
            Html: { Data: msg.html, Charset: "UTF-8" },
          },
        },
      }),
    );
    if (!out.MessageId) throw new Error("SES accepted the email but returned no MessageId");
    return { id: out.MessageId };
  }
}

type EmailEnv = Pick<
  NotifyEnv,
  "AWS_REGION" | "SES_ENDPOINT" | "SES_FROM_EMAIL" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY"
>;

/**
 * Creates the SES sender from the environment: `SES_ENDPOINT` when set (the local stand-in,
 * with placeholder credentials if none are given), else real SES in `AWS_REGION` with the
 * SDK's default credential chain unless `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` are set.
 */
export function createEmailSender(env: EmailEnv): SesEmailSender {
  const explicit =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : undefined;
  const credentials = explicit ?? (env.SES_ENDPOINT ? { accessKeyId: "local", secretAccessKey: "local" } : undefined);
  return new SesEmailSender({
    from: env.SES_FROM_EMAIL,
    region: env.AWS_REGION,
    ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
  });
}
