"use client";
import { OTP_FORMAT_MESSAGE, OTP_POLICY, isOtpFormat } from "@tabletap/core/otp";
import { useState, type FormEvent } from "react";
import type { Guest } from "@/hooks/useGuestSession";
import { errorMessage } from "@/lib/errors";
import type { GetClient } from "@/trpc/deferred-client";
import { FormField } from "./FormField";

const CODE_NAME = `${OTP_POLICY.codeLength}-digit code`;

/**
 * The receipt email at checkout. Receipts go only to an address the guest verified: next to an
 * unverified address, "Verify" emails a code (`customer.requestEmailVerification`) and a code
 * field appears; the right code (`customer.verifyEmail`) makes it the guest's verified email
 * (`onVerified` gets the updated guest). Errors are shown inline (`role="alert"`).
 */
export function ReceiptEmail({
  guest,
  email,
  onEmailChange,
  getClient,
  onVerified,
}: {
  guest: Guest;
  /** What the guest typed ("" for no receipt). */
  email: string;
  onEmailChange: (email: string) => void;
  getClient: GetClient;
  onVerified: (guest: Guest) => void;
}) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const typed = email.trim().toLowerCase();
  const verified = guest.emailVerified && typed === guest.email;

  async function run(action: () => Promise<void>) {
    setError(null);
    setPending(true);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  const sendCode = () =>
    run(async () => {
      const sent = await (await getClient()).customer.requestEmailVerification.mutate({ email: typed });
      setSentTo(sent.email);
      setCode("");
    });

  function onCodeSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sentTo || pending) return;
    if (!isOtpFormat(code)) return setError(OTP_FORMAT_MESSAGE);
    void run(async () => {
      onVerified(await (await getClient()).customer.verifyEmail.mutate({ email: sentTo, code }));
      setSentTo(null);
    });
  }

  if (sentTo) {
    return (
      <form method="post" className="receipt-email" onSubmit={onCodeSubmit} noValidate>
        <FormField label={`${CODE_NAME} we emailed to ${sentTo}`} error={error}>
          {(control) => (
            <input
              {...control}
              name="email-code"
              className="input input--code"
              type="text"
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={OTP_POLICY.codeLength}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, OTP_POLICY.codeLength))}
            />
          )}
        </FormField>
        <div className="receipt-email__actions">
          <button type="submit" className="button button--secondary button--small" disabled={pending}>
            {pending ? "Checking…" : "Confirm email"}
          </button>
          <button type="button" className="link-button" onClick={() => setSentTo(null)}>
            Use another email
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="receipt-email">
      <FormField
        label="Email me the receipt"
        optional
        hint={verified ? "Verified ✓" : "We only email receipts to an address you've verified."}
        error={error}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="email"
            autoComplete="email"
            inputMode="email"
            placeholder="you@example.com"
            maxLength={254}
            value={email}
            onChange={(e) => onEmailChange(e.target.value)}
          />
        )}
      </FormField>
      {typed && !verified && (
        <div className="receipt-email__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={pending}
            onClick={() => void sendCode()}
          >
            {pending ? "Sending code…" : "Verify"}
          </button>
        </div>
      )}
    </div>
  );
}
