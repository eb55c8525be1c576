import { hash, verify } from '@node-rs/argon2';
import { COMMON_BASE_WORDS, COMMON_PASSWORDS } from './common-passwords.js';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum).
 * The parameters are stored inside each hash, so raising them later re-hashes nothing by force.
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check so that a missing user cannot be told from a wrong password.
    await hash(password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Character classes: lower-case, upper-case, digits, everything else (symbols, spaces, non-Latin letters). */
function characterClasses(password: string): number {
  let classes = 0;
  if (/\p{Ll}/u.test(password)) classes++;
  if (/\p{Lu}/u.test(password)) classes++;
  if (/\p{Nd}/u.test(password)) classes++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) classes++;
  return classes;
}

/**
 * Returns why a password is refused, or undefined when it is acceptable. Length matters most
 * (NIST SP 800-63B); beyond it, only the checks that catch what attackers try first: one
 * character class ("aaaaaaaaaaaa", "123456789012"), too few distinct characters, the e-mail, and
 * the common-password list — no "must contain a symbol" rules that only make people write them down.
 */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size < 5) return 'password must use at least 5 different characters';
  if (characterClasses(password) < 2) return 'password must not be only lower-case letters, only upper-case letters or only digits: mix in another kind of character';
  const lower = password.toLowerCase();
  if (email) {
    const address = email.trim().toLowerCase();
    const name = address.split('@')[0] ?? '';
    if (lower.includes(address)) return 'password must not contain the e-mail address';
    if (name.length >= 4 && lower.includes(name)) return 'password must not contain the e-mail name';
  }
  if (COMMON_PASSWORDS.has(lower)) return 'password is one of the most common passwords';
  // "Password2024!", "!!qwerty123": a common word with only digits and symbols around it.
  const letters = lower.replace(/[^\p{L}]/gu, '');
  if (COMMON_BASE_WORDS.has(letters) && /^[^\p{L}]*\p{L}+[^\p{L}]*$/u.test(lower)) return 'password is a common word with digits or symbols added';
  return undefined;
}
