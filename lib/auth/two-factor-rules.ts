/**
 * The decisions of two-factor sign-in that need no database: recovery code
 * format, challenge state, who must enrol, who may require it of a tenant.
 * No server imports: the profile card formats codes with the same rules.
 */

/** TOTP as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** ±1 step: a code from the step before or after now still counts (clock drift, slow typing). */
export const TOTP_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export const RECOVERY_CODE_COUNT = 10;
/** Crockford-style base32 without I, L, O, U: nothing to misread when typed from paper. */
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** 10 characters of a 32-letter alphabet: 50 bits, on top of the password that must come first. */
const RECOVERY_CODE_LENGTH = 10;

export const CHALLENGE_TTL_SECONDS = 5 * 60;

/**
 * next-auth hands the sign-in form only an error string; the password step of
 * an account with two-factor answers this prefix and the challenge token.
 */
export const TWO_FACTOR_REQUIRED_PREFIX = "two_factor_required:";

/** The challenge token in a password step's answer, or null when the answer is an ordinary error. */
export function challengeFromSignInError(error: string | null | undefined): string | null {
  if (!error?.startsWith(TWO_FACTOR_REQUIRED_PREFIX)) return null;
  const token = error.slice(TWO_FACTOR_REQUIRED_PREFIX.length);
  return token === "" ? null : token;
}

/** `bytes` (one random byte per character, from a CSPRNG) as a recovery code, "xxxxx-xxxxx". */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_CODE_LENGTH) throw new Error(`a recovery code needs ${RECOVERY_CODE_LENGTH} random bytes`);
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every letter equally likely.
  const chars = Array.from(bytes.subarray(0, RECOVERY_CODE_LENGTH), (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/**
 * A typed recovery code as it is hashed: case, spaces and dashes do not
 * matter, and the letters people confuse read as the digits they look like.
 * null when it cannot be a recovery code at all.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/[o]/g, "0")
    .replace(/[il]/g, "1");
  if (compact.length !== RECOVERY_CODE_LENGTH) return null;
  for (const char of compact) if (!RECOVERY_ALPHABET.includes(char)) return null;
  return compact;
}

/** A typed authentication code with spaces taken out ("123 456" is how apps show it), or null if not 6 digits. */
export function normaliseTotpCode(input: string): string | null {
  const compact = input.replace(/\s/g, "");
  return /^\d{6}$/.test(compact) ? compact : null;
}

export type ChallengeState = "usable" | "used" | "expired";

export function challengeState(challenge: { usedAt: Date | null; expiresAt: Date }, now: Date): ChallengeState {
  if (challenge.usedAt) return "used";
  if (challenge.expiresAt.getTime() <= now.getTime()) return "expired";
  return "usable";
}

/** Whether a member is held at the enrolment page: their tenant requires two-factor and they have none yet. */
export function mustEnrolTwoFactor(caller: { twoFactorEnabled: boolean; twoFactorRequired: boolean }): boolean {
  return caller.twoFactorRequired && !caller.twoFactorEnabled;
}

/**
 * Whether this owner may set the tenant's requirement to `required`. Turning
 * it on without two-factor of one's own would lock the owner out at once;
 * turning it off is always allowed.
 */
export function requirementChangeRefusal(owner: { twoFactorEnabled: boolean }, required: boolean): string | null {
  if (required && !owner.twoFactorEnabled) {
    return "Turn on two-factor sign-in for your own account first (Profile), then require it of everyone.";
  }
  return null;
}

/** "9 recovery codes remain" / "1 recovery code remains" / "No recovery codes remain". */
export function recoveryCodesRemainingText(count: number): string {
  if (count === 0) return "No recovery codes remain";
  return `${count} recovery code${count === 1 ? " remains" : "s remain"}`;
}

/** The text file people download: the codes one per line, and what they are for. */
export function recoveryCodesFileText(input: { account: string; codes: string[]; createdAt: Date }): string {
  return [
    `Tenant Admin Portal recovery codes for ${input.account}`,
    `Created ${input.createdAt.toISOString()}`,
    "",
    "Each code signs you in once when your authenticator app is not at hand.",
    "Keep them somewhere safe, away from your password.",
    "",
    ...input.codes,
    "",
  ].join("\n");
}
