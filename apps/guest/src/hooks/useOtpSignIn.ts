"use client";
import { isOtpFormat, OTP_FORMAT_MESSAGE } from "@tabletap/core/otp";
import { useState } from "react";
import { errorMessage } from "@/lib/errors";
import type { GetClient } from "@/trpc/deferred-client";
import type { Guest } from "./useGuestSession";
import { useSecondsUntil } from "./useSecondsUntil";

/** A code the API has texted. */
interface SentCode {
  /** E.164, as the server normalised it. */
  phone: string;
  maskedPhone: string;
  /** Epoch ms when "Resend code" becomes available (the API's `resendAfterSeconds`, OTP_POLICY). */
  resendAt: number;
}

/**
 * The state of phone sign-in: ask for a code (`auth.requestOtp`), then verify it
 * (`auth.verifyOtp`, after core's `isOtpFormat` check). API errors end up in `error` (for the
 * guest); `notice` confirms a resent code. `onSignedIn` gets the guest once verified.
 */
export function useOtpSignIn(getClient: GetClient, onSignedIn: (guest: Guest) => void) {
  const [sent, setSent] = useState<SentCode | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<"send" | "verify" | null>(null);
  const resendIn = useSecondsUntil(sent?.resendAt ?? null);

  async function sendCode(target: string, isResend: boolean) {
    setError(null);
    setNotice(null);
    setPending("send");
    try {
      const result = await (await getClient()).auth.requestOtp.mutate({ phone: target });
      setSent({
        phone: result.phone,
        maskedPhone: result.maskedPhone,
        resendAt: Date.now() + result.resendAfterSeconds * 1000,
      });
      setCode("");
      if (isResend) setNotice(`We've sent a new code to ${result.maskedPhone}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(null);
    }
  }

  /** invalid: not a code (never sent); refused: the API said no (`error` says why); ok: signed in. */
  async function verify(): Promise<"invalid" | "refused" | "ok"> {
    if (!sent || !isOtpFormat(code)) {
      setError(OTP_FORMAT_MESSAGE);
      return "invalid";
    }
    setError(null);
    setNotice(null);
    setPending("verify");
    try {
      const { customer } = await (await getClient()).auth.verifyOtp.mutate({ phone: sent.phone, code });
      onSignedIn(customer);
      return "ok";
    } catch (e) {
      setError(errorMessage(e));
      return "refused";
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

  return { sent, code, setCode, error, setError, notice, pending, resendIn, sendCode, verify, changeNumber };
}
