"use client";
import { isOtpFormat, OTP_FORMAT_MESSAGE, type OtpChannel } from "@tabletap/core/otp";
import { useState } from "react";
import { errorMessage } from "@/lib/errors";
import type { GetClient } from "@/trpc/deferred-client";
import type { Guest } from "./useGuestSession";
import { useSecondsUntil } from "./useSecondsUntil";

/** A code the API has sent. */
interface SentCode {
  /** E.164, as the server normalised it. */
  phone: string;
  /** How it went: texted, or emailed to the guest's verified email (the fallback). */
  channel: OtpChannel;
  /** Where it went, masked ("+91 ••••• ••210" or "a•••@example.com"). */
  sentTo: string;
  /** Epoch ms when "Resend code" becomes available (the API's `resendAfterSeconds`, OTP_POLICY). */
  resendAt: number;
}

/**
 * The state of phone sign-in: ask for a code (`auth.requestOtp`, by SMS with the table's code, so
 * the server can check the number's country; or by email when the text doesn't come), then
 * verify it (`auth.verifyOtp`, after core's `isOtpFormat` check). API errors end up in `error`
 * (for the guest); `notice` confirms a resent or emailed code. `onSignedIn` gets the guest once verified.
 */
export function useOtpSignIn(getClient: GetClient, onSignedIn: (guest: Guest) => void, tableCode?: string) {
  const [sent, setSent] = useState<SentCode | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<"send" | "verify" | null>(null);
  const resendIn = useSecondsUntil(sent?.resendAt ?? null);

  /** Asks for a code for `target` by `channel`; `isResend` announces it (a second code, or one by email). */
  async function sendCode(target: string, isResend: boolean, channel: OtpChannel = "sms") {
    setError(null);
    setNotice(null);
    setPending("send");
    try {
      const result = await (await getClient()).auth.requestOtp.mutate({ phone: target, channel, tableCode });
      setSent({
        phone: result.phone,
        channel: result.channel,
        sentTo: result.sentTo,
        resendAt: Date.now() + result.resendAfterSeconds * 1000,
      });
      setCode("");
      if (isResend) setNotice(`We've ${channel === "email" ? "emailed" : "sent"} a new code to ${result.sentTo}.`);
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
