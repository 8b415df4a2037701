"use client";
import { OTP_POLICY } from "@tabletap/core/otp";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { Guest } from "@/hooks/useGuestSession";
import { useOtpSignIn } from "@/hooks/useOtpSignIn";
import type { GetClient } from "@/trpc/deferred-client";
import { FormField } from "./FormField";

const CODE_NAME = `${OTP_POLICY.codeLength}-digit code`;

/** "Resend code in 0:27", or "Resend code" once allowed. */
function resendLabel(secondsLeft: number): string {
  if (secondsLeft <= 0) return "Resend code";
  return `Resend code in ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, "0")}`;
}

/**
 * Phone sign-in: the mobile number, then the 6-digit code texted to it (`useOtpSignIn`); when the
 * text doesn't come, "Email me the code instead" sends it to the guest's verified email. With
 * `tableCode` (the table the guest signs in at) the server checks the number's country against
 * the restaurant's. Errors from the API are shown inline (`role="alert"`). Calls `onSignedIn`
 * with the guest once the code is verified (the session cookies are set by then).
 */
export function SignIn({
  getClient,
  onSignedIn,
  tableCode,
  heading = "Sign in with your phone",
  lead,
  headingLevel = 2,
}: {
  getClient: GetClient;
  onSignedIn: (guest: Guest) => void;
  tableCode?: string;
  heading?: string;
  lead?: string;
  headingLevel?: 1 | 2 | 3;
}) {
  const ids = useId();
  const signIn = useOtpSignIn(getClient, onSignedIn, tableCode);
  const [phone, setPhone] = useState("");
  const phoneRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const Heading = (["h1", "h2", "h3"] as const)[headingLevel - 1] ?? "h2";
  const { sent, error, pending } = signIn;

  const step = sent ? "code" : "phone";
  useEffect(() => {
    (step === "code" ? codeRef : phoneRef).current?.focus({ preventScroll: true });
  }, [step]);

  function onPhoneSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!phone.trim()) {
      signIn.setError("Enter your mobile number");
      phoneRef.current?.focus();
      return;
    }
    void signIn.sendCode(phone, false);
  }

  async function onCodeSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sent || pending) return;
    const result = await signIn.verify();
    if (result === "invalid") codeRef.current?.focus();
    if (result === "refused") codeRef.current?.select();
  }

  if (step === "phone") {
    return (
      <form method="post" className="signin" onSubmit={onPhoneSubmit} noValidate aria-labelledby={`${ids}-title`}>
        <Heading id={`${ids}-title`} className="signin__title">
          {heading}
        </Heading>
        {lead && <p className="signin__lead">{lead}</p>}
        <FormField label="Mobile number" hint={`We'll text you a ${CODE_NAME}`} error={error}>
          {(control) => (
            <input
              ref={phoneRef}
              {...control}
              name="phone"
              className="input input--large"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              placeholder="98765 43210"
              maxLength={32}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          )}
        </FormField>
        <button type="submit" className="button button--primary button--block" disabled={pending === "send"}>
          {pending === "send" ? "Sending code…" : "Send code"}
        </button>
      </form>
    );
  }

  return (
    <form
      method="post"
      className="signin"
      onSubmit={(e) => void onCodeSubmit(e)}
      noValidate
      aria-labelledby={`${ids}-title`}
    >
      <Heading id={`${ids}-title`} className="signin__title">
        Enter the code
      </Heading>
      <p className="signin__lead">
        We {sent?.channel === "email" ? "emailed" : "texted"} a {CODE_NAME} to{" "}
        <strong className="nowrap">{sent?.sentTo}</strong>.{" "}
        <button type="button" className="link-button" onClick={signIn.changeNumber}>
          Change number
        </button>
      </p>
      <FormField label={CODE_NAME} error={error} notice={signIn.notice}>
        {(control) => (
          <input
            ref={codeRef}
            {...control}
            name="code"
            className="input input--large input--code"
            type="text"
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={OTP_POLICY.codeLength}
            value={signIn.code}
            onChange={(e) => signIn.setCode(e.target.value.replace(/\D/g, "").slice(0, OTP_POLICY.codeLength))}
          />
        )}
      </FormField>
      <button type="submit" className="button button--primary button--block" disabled={pending === "verify"}>
        {pending === "verify" ? "Checking…" : "Verify"}
      </button>
      <button
        type="button"
        className="button button--ghost button--block"
        disabled={signIn.resendIn > 0 || pending !== null}
        onClick={() => sent && void signIn.sendCode(sent.phone, true, sent.channel)}
      >
        {pending === "send" ? "Sending…" : resendLabel(signIn.resendIn)}
      </button>
      {sent?.channel === "sms" && (
        <p className="signin__alt">
          No text?{" "}
          <button
            type="button"
            className="link-button"
            disabled={pending !== null}
            onClick={() => void signIn.sendCode(sent.phone, true, "email")}
          >
            Email me the code instead
          </button>
        </p>
      )}
    </form>
  );
}
