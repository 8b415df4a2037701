export { notifyEnv, notifyEnvSchema } from "./env";
export type { NotifyEnv } from "./env";
export {
  TwilioSmsSender,
  DevOutboxSmsSender,
  DEV_SMS_OUTBOX_KEY,
  DEV_SMS_OUTBOX_MAX,
  DEV_SMS_OUTBOX_PER_RECIPIENT,
  DEV_SMS_OUTBOX_RECIPIENT_TTL_SECONDS,
  readDevOutbox,
  createSmsSender,
} from "./sms";
export type { SmsSender, TwilioSmsSenderOptions, DevSmsMessage, DevOutboxOptions } from "./sms";
export { SesEmailSender, createEmailSender } from "./email";
export type { EmailSender, EmailMessage, SesEmailSenderOptions } from "./email";
export { GuestEmailLimit, EmailLimitError } from "./email-limit";
export {
  otpSms,
  otpEmail,
  orderReadySms,
  orderRejectedSms,
  orderCancelledSms,
  orderConfirmationEmail,
  receiptEmail,
  receiptSms,
  escapeHtml,
} from "./templates";
export type { EmailContent, OrderEmailOptions } from "./templates";
