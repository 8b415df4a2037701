/**
 * The admin panel's team (`admin.staff.*`): staff and manager accounts of one restaurant, their
 * roles, whether they may sign in, and the password rules for the passwords a manager sets.
 */
import { z } from "zod";
import { displayText, objectIdSchema } from "./schemas";

/**
 * Passwords of staff accounts (NIST SP 800-63B §3.1.1.2, memorized secrets; OWASP Authentication
 * Cheat Sheet "Implement Proper Password Strength Controls"): at least 12 characters for accounts
 * that can change a restaurant's menu, prices and team (NIST's floor is 8 for a single factor,
 * OWASP recommends more without MFA), at most 200 (enough for passphrases; bounds the bcrypt
 * input, which ignores bytes past 72 anyway), any characters, no composition rules, and not a
 * commonly used password (the server checks a list: `isCommonPassword` in @tabletap/auth).
 */
export const PASSWORD_POLICY = { minLength: 12, maxLength: 200 } as const;

/** A password a manager types for a staff account: length per `PASSWORD_POLICY` (the common-password list is checked by the server). */
export const newPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_POLICY.minLength, `Use at least ${PASSWORD_POLICY.minLength} characters`)
  .max(PASSWORD_POLICY.maxLength, `Use at most ${PASSWORD_POLICY.maxLength} characters`);

/** The roles a staff account can have: "staff" run the kitchen display, "manager" also the admin panel. */
export const STAFF_ROLES = ["staff", "manager"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const EMAIL_MESSAGE = "Enter a valid email address, e.g. arjun@example.com";

/**
 * `admin.staff.save`: creates an account when `id` is absent, else updates its name, email and
 * role. The email is trimmed and lower-cased before it is validated (it is the sign-in name,
 * unique across Tabletap). `password` only on creation: the manager's choice (`newPasswordSchema`);
 * without it the server generates a temporary password and returns it once.
 */
export const saveStaffInput = z
  .object({
    id: objectIdSchema.optional(),
    name: displayText(80, "Name can be at most 80 characters").min(1, "Enter a name"),
    email: z
      .string({ error: EMAIL_MESSAGE })
      .trim()
      .toLowerCase()
      .max(254, "That email address is too long")
      .pipe(z.email(EMAIL_MESSAGE)),
    role: z.enum(STAFF_ROLES, { error: "Choose staff or manager" }),
    password: newPasswordSchema.optional(),
  })
  .refine((input) => !(input.id && input.password !== undefined), {
    path: ["password"],
    message: "Use “Reset password” to change a password",
  });
export type SaveStaffInput = z.infer<typeof saveStaffInput>;

/** `admin.staff.setActive`: deactivate (their sessions end at once, sign-in refused) or reactivate an account. */
export const setStaffActiveInput = z.object({
  staffId: objectIdSchema,
  active: z.boolean({ error: "Choose active or not" }),
});
export type SetStaffActiveInput = z.infer<typeof setStaffActiveInput>;

/** `admin.staff.resetPassword`: a new password for `staffId`, the manager's (`password`) or, without it, a generated temporary one. */
export const resetPasswordInput = z.object({ staffId: objectIdSchema, password: newPasswordSchema.optional() });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

/** A staff account as the admin panel lists it; `createdAt` is ISO-8601 UTC. Never its password hash. */
export interface StaffMemberView {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  createdAt: string;
}

/**
 * What `admin.staff.save` and `admin.staff.resetPassword` answer: the account, and the generated
 * temporary password, shown to the manager this once (never stored in clear, never returned
 * again); null when the manager typed the password or none changed.
 */
export interface StaffSaved {
  staff: StaffMemberView;
  temporaryPassword: string | null;
}
