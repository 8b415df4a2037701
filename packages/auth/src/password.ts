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
