"use client";
import type { SessionView } from "@tabletap/core";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { GetClient } from "@/lib/api";
import { errorMessage } from "@/lib/errors";

export type Guest = NonNullable<SessionView["guest"]>;

interface SentCode {
  /** E.164, as the server normalised it. */
  phone: string;
  maskedPhone: string;
  /** Epoch ms when "Resend code" becomes available. */
  resendAt: number;
}

/** Seconds left until `at`, ticking once a second while positive. */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= at) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Phone sign-in: the mobile number, then the 6-digit code texted to it. Errors from the API are
 * shown inline (`role="alert"`). Calls `onSignedIn` with the guest once the code is verified
 * (the session cookies are set by then).
 */
export function SignIn({
  getClient,
  onSignedIn,
  heading = "Sign in with your phone",
  lead,
  headingLevel = 2,
}: {
  getClient: GetClient;
  onSignedIn: (guest: Guest) => void;
  heading?: string;
  lead?: string;
  headingLevel?: 1 | 2 | 3;
}) {
  const ids = useId();
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<SentCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<"send" | "verify" | null>(null);
  const secondsLeft = useSecondsUntil(sent?.resendAt ?? null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const Heading = (["h1", "h2", "h3"] as const)[headingLevel - 1] ?? "h2";

  const step = sent ? "code" : "phone";
  useEffect(() => {
    (step === "code" ? codeRef : phoneRef).current?.focus({ preventScroll: true });
  }, [step]);

  async function sendCode(target: string, isResend: boolean) {
    setError(null);
    setNotice(null);
    setPending("send");
    try {
      const result = await (await getClient()).auth.requestOtp.mutate({ phone: target });
      setSent({ phone: result.phone, maskedPhone: result.maskedPhone, resendAt: Date.now() + result.resendAfterSeconds * 1000 });
      setCode("");
      if (isResend) setNotice(`We've sent a new code to ${result.maskedPhone}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(null);
    }
  }

  function onPhoneSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!phone.trim()) {
      setError("Enter your mobile number");
      phoneRef.current?.focus();
      return;
    }
    void sendCode(phone, false);
  }

  async function onCodeSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sent || pending) return;
    if (!/^\d{6}$/.test(code)) {
      setError("Enter the 6-digit code");
      codeRef.current?.focus();
      return;
    }
    setError(null);
    setNotice(null);
    setPending("verify");
    try {
      const { customer } = await (await getClient()).auth.verifyOtp.mutate({ phone: sent.phone, code });
      onSignedIn(customer);
    } catch (e) {
      setError(errorMessage(e));
      codeRef.current?.select();
    } finally {
      setPending(null);
    }
  }

  function changeNumber() {
    setSent(null);
    setCode("");
    setError(null);
    setNotice(null);
  }

  const errorId = `${ids}-error`;
  const hintId = `${ids}-hint`;

  if (step === "phone") {
    return (
      <form className="signin" onSubmit={onPhoneSubmit} noValidate aria-labelledby={`${ids}-title`}>
        <Heading id={`${ids}-title`} className="signin__title">
          {heading}
        </Heading>
        {lead && <p className="signin__lead">{lead}</p>}
        <div className="field">
          <label htmlFor={`${ids}-phone`} className="field__label">
            Mobile number
          </label>
          <input
            ref={phoneRef}
            id={`${ids}-phone`}
            name="phone"
            className="input input--large"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            placeholder="98765 43210"
            maxLength={32}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
          />
          <p id={hintId} className="field__hint">
            We&apos;ll text you a 6-digit code
          </p>
          {error && (
            <p id={errorId} role="alert" className="field__error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button button--primary button--block" disabled={pending === "send"}>
          {pending === "send" ? "Sending code…" : "Send code"}
        </button>
      </form>
    );
  }

  return (
    <form className="signin" onSubmit={onCodeSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <Heading id={`${ids}-title`} className="signin__title">
        Enter the code
      </Heading>
      <p className="signin__lead">
        We texted a 6-digit code to <strong className="nowrap">{sent?.maskedPhone}</strong>.{" "}
        <button type="button" className="link-button" onClick={changeNumber}>
          Change number
        </button>
      </p>
      <div className="field">
        <label htmlFor={`${ids}-code`} className="field__label">
          6-digit code
        </label>
        <input
          ref={codeRef}
          id={`${ids}-code`}
          name="code"
          className="input input--large input--code"
          type="text"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 6))}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
        />
        {error && (
          <p id={errorId} role="alert" className="field__error">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="field__notice">
            {notice}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary button--block" disabled={pending === "verify"}>
        {pending === "verify" ? "Checking…" : "Verify"}
      </button>
      <button
        type="button"
        className="button button--ghost button--block"
        disabled={secondsLeft > 0 || pending !== null}
        onClick={() => sent && void sendCode(sent.phone, true)}
      >
        {pending === "send" ? "Sending…" : secondsLeft > 0 ? `Resend code in ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, "0")}` : "Resend code"}
      </button>
    </form>
  );
}
