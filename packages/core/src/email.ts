/**
 * Guest email: what may be sent to a guest's address, and how an address is shown back. Guests
 * get email only at an address they verified with a one-time code (`OTP_POLICY`): receipts, and
 * sign-in codes when SMS fails.
 */

export const EMAIL_POLICY = {
  /**
   * Emails to one guest per rolling hour, whatever they are (verification codes, sign-in codes,
   * receipts): bounds what anyone can make the restaurant's sender mail, even to their own inbox.
   */
  emailsPerGuestPerHour: 10,
} as const;

/**
 * Masks an email address for display, keeping the first character of the mailbox and the domain,
 * with a fixed-width mask that does not tell the mailbox's length:
 * "asha@example.com" → "a•••@example.com". Input without an "@" is masked whole ("•••"). Never throws.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
