import { randomInt } from "node:crypto";
import { dictionary } from "@zxcvbn-ts/language-common";
import bcrypt from "bcrypt";

/** bcrypt cost factor (OWASP Password Storage Cheat Sheet: at least 10). */
const BCRYPT_ROUNDS = 10;
// A real hash of a random string, compared against when the account does not exist so that a
// wrong email takes as long as a wrong password (no account enumeration by timing).
const DUMMY_HASH = bcrypt.hashSync("tabletap-no-such-account", BCRYPT_ROUNDS);

/** Hashes a password with bcrypt. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

/** True when `password` matches `hash`; with no hash (unknown account) still spends a bcrypt compare and returns false. */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return Boolean(hash) && matches;
}

let commonPasswords: Set<string> | undefined;

/**
 * True when `password` is on a list of commonly used passwords (NIST SP 800-63B §3.1.1.2: refuse
 * "passwords obtained from previous breach corpuses" and "commonly-used values"): the ~49 000
 * passwords of zxcvbn-ts's `passwords-common` list (@zxcvbn-ts/language-common), compared
 * ignoring case. Server-side only (the list is too big for a browser bundle); loaded on first use.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"]);
  return commonPasswords.has(password.toLowerCase());
}

/** Letters and digits that can't be mistaken for one another when read aloud or copied by hand (no 0/O, 1/l/I). */
const TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/**
 * A temporary password for a new or reset staff account: 16 characters from the CSPRNG
 * (`crypto.randomInt`) in groups of 4 ("k7qm-3xtd-9hwp-ae4n", 80 bits), easy to read out and type.
 */
export function generateTemporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]);
  return chars.join("").replace(/(.{4})(?!$)/g, "$1-");
}
