import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { prisma, type TransactionClient } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import { beginLoginAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import type { Caller } from "@/lib/auth/caller";
import { verifyPassword } from "@/lib/auth/password";
import {
  CHALLENGE_TTL_SECONDS,
  RECOVERY_CODE_COUNT,
  TOTP_TOLERANCE_SECONDS,
  normaliseRecoveryCode,
  normaliseTotpCode,
  recoveryCodeFromBytes,
} from "@/lib/auth/two-factor-rules";
import { newSingleUseToken } from "@/lib/crypto/single-use-token";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyTwoFactorDisabled } from "@/lib/mail/notices";
import type { DisableTwoFactorInput, TwoFactorCodeInput } from "@/lib/schemas/two-factor";
import { AUTH_ATTEMPT_OUTCOME } from "@/lib/statuses";

/** The name authenticator apps show above the account. */
export const TOTP_ISSUER = "Tenant Admin Portal";

export type SecondFactorMethod = "totp" | "recovery_code" | "password";
/** Where a second factor was asked for: the audit entry of a wrong one says so. */
export type SecondFactorPurpose = "sign_in" | "confirm" | "disable" | "regenerate_recovery_codes";

type Person = { userId: string; email: string };

/** Whether the user signs in with a second factor (an enrolment not yet confirmed does not count). */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const factor = await prisma.twoFactorFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return factor?.enabledAt != null;
}

/** The second step of a sign-in whose password was right: 256 random bits, stored hashed, 5 minutes, single use. */
export async function issueTwoFactorChallenge(userId: string, channel: "browser" | "api") {
  const { token, hash } = newSingleUseToken();
  const now = Date.now();
  // Old challenges of this user have no use: pruned here, where it costs one indexed delete.
  await prisma.twoFactorChallenge.deleteMany({ where: { userId, expiresAt: { lt: new Date(now) } } });
  await prisma.twoFactorChallenge.create({
    data: { userId, tokenHash: hash, channel, expiresAt: new Date(now + CHALLENGE_TTL_SECONDS * 1000) },
  });
  return { token, expiresInSeconds: CHALLENGE_TTL_SECONDS };
}

/** SHA-256 of the user's id and the normalised code: the same code of two users never shares a hash. */
export function hashRecoveryCode(userId: string, normalised: string): string {
  return createHash("sha256").update(`${userId}:${normalised}`).digest("hex");
}

/**
 * Replaces a user's recovery codes with a fresh set, in the caller's
 * transaction, with the audit entry of what made them (turning two-factor on,
 * or regenerating). Returns the plaintext, to show once; only hashes are stored.
 */
async function replaceRecoveryCodes(
  tx: TransactionClient,
  caller: Acting,
  meta: RequestMeta,
  action: "auth.two_factor_enabled" | "auth.two_factor_recovery_codes_regenerated",
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFromBytes(randomBytes(10)));
  await tx.twoFactorRecoveryCode.deleteMany({ where: { userId: caller.userId } });
  await tx.twoFactorRecoveryCode.createMany({ data: codes.map((code) => ({ userId: caller.userId, codeHash: hashRecoveryCode(caller.userId, normaliseRecoveryCode(code)!) })) });
  await recordAudit(tx, {
    tenantId: caller.tenantId,
    actor: userActor(caller),
    action,
    target: { type: "user", id: caller.userId },
    meta,
    metadata: { recovery_codes: codes.length },
  });
  return codes;
}

/**
 * The time step a code matches (now, or one step either side), or null.
 * Only steps after `afterStep` count, so a code used once never works again.
 */
export async function matchTotpStep(secretEncrypted: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = normaliseTotpCode(code);
  if (!token) return null;
  try {
    const result = await verify({
      secret: decryptSecret(secretEncrypted),
      token,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/**
 * Records that `step` was used: only if no code of this or a later step was
 * accepted meanwhile (two requests with the same code: one wins).
 */
export async function claimTotpStep(tx: TransactionClient, factorId: string, step: number): Promise<boolean> {
  const { count } = await tx.twoFactorFactor.updateMany({
    where: { id: factorId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return count === 1;
}

/** Thrown inside a transaction when a code turned out used after all: rolls the transaction back, answered as a wrong code. */
export class SecondFactorRejected extends Error {
  constructor() {
    super("second factor rejected");
    this.name = "SecondFactorRejected";
  }
}

/**
 * A guess at a second factor, throttled like a password (per account and
 * per IP, lib/auth/auth-throttle.ts, counted apart from password guesses).
 * `attempt` checks and applies; it returns null or throws SecondFactorRejected
 * for a wrong code. A wrong one is audited as auth.two_factor_failed and
 * answered `invalid_two_factor_code` (`invalid_credentials` for a password).
 */
export async function guardSecondFactor<T>(
  person: Person,
  tenantId: string | null,
  meta: RequestMeta,
  context: { purpose: SecondFactorPurpose; method: SecondFactorMethod; channel?: string },
  attempt: () => Promise<T | null>,
): Promise<T> {
  const actor = { type: "user", userId: person.userId, label: person.email } as const;
  const attemptId = await beginLoginAttempt(
    person.email,
    meta.ip,
    () => recordAudit(prisma, { tenantId, actor, action: "auth.login_throttled", meta, metadata: { kind: "two_factor", ...context } }),
    "two_factor",
  );
  let result: T | null;
  try {
    result = await attempt();
  } catch (error) {
    if (!(error instanceof SecondFactorRejected)) {
      await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.failed);
      throw error;
    }
    result = null;
  }
  if (result === null) {
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.failed);
    await recordAudit(prisma, { tenantId, actor, action: "auth.two_factor_failed", meta, metadata: { ...context } });
    if (context.method === "password") throw apiError("invalid_credentials", "The password is not right.");
    throw apiError(
      "invalid_two_factor_code",
      context.method === "recovery_code"
        ? "This recovery code is not right, or was already used."
        : "This code is not right, or was already used. Enter the code your authenticator app shows now.",
    );
  }
  await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
  return result;
}

export type TwoFactorStatus = {
  enabled: boolean;
  enabled_at: string | null;
  /** An enrolment was started and not confirmed yet. */
  pending: boolean;
  recovery_codes_remaining: number;
  /** The caller's current tenant requires two-factor of every member. */
  required_by_tenant: boolean;
};

export async function getTwoFactorStatus(caller: Pick<Caller, "userId" | "twoFactorRequired">): Promise<TwoFactorStatus> {
  const [factor, remaining] = await Promise.all([
    prisma.twoFactorFactor.findUnique({ where: { userId: caller.userId }, select: { enabledAt: true } }),
    prisma.twoFactorRecoveryCode.count({ where: { userId: caller.userId, usedAt: null } }),
  ]);
  const enabled = factor?.enabledAt != null;
  return {
    enabled,
    enabled_at: factor?.enabledAt?.toISOString() ?? null,
    pending: factor != null && !enabled,
    recovery_codes_remaining: enabled ? remaining : 0,
    required_by_tenant: caller.twoFactorRequired,
  };
}

/**
 * Starts (or starts over) an enrolment: a new secret, stored encrypted and
 * not active until a code confirms it. The secret is answered here, once per
 * start, for the QR code and for typing it in by hand.
 */
export async function startTwoFactorEnrolment(caller: Pick<Caller, "userId" | "email">) {
  const existing = await prisma.twoFactorFactor.findUnique({ where: { userId: caller.userId }, select: { enabledAt: true } });
  if (existing?.enabledAt) throw apiError("two_factor_already_enabled", "Two-factor sign-in is already on. Turn it off first to set up another authenticator.");
  const secret = generateSecret();
  const secretEncrypted = encryptSecret(secret);
  // Only a pending enrolment is replaced: an enrolment confirmed meanwhile stays as it is.
  const { count } = await prisma.twoFactorFactor.updateMany({ where: { userId: caller.userId, enabledAt: null }, data: { secretEncrypted, lastUsedStep: null } });
  if (count === 0) {
    try {
      await prisma.twoFactorFactor.create({ data: { userId: caller.userId, secretEncrypted } });
    } catch (error) {
      // Another start or a confirmation created the row first.
      if (isUniqueViolation(error, "userId")) throw apiError("two_factor_already_enabled", "Two-factor sign-in was set up meanwhile. Reload and try again.");
      throw error;
    }
  }
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: caller.email, secret });
  const svg = await QRCode.toString(otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return {
    secret,
    otpauth_uri: otpauthUri,
    qr_code_svg: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    issuer: TOTP_ISSUER,
    account: caller.email,
  };
}

type Acting = Pick<Caller, "userId" | "email" | "tenantId">;

/** Confirms an enrolment with a code from the app: two-factor is on from now, and the recovery codes are answered once. */
export async function confirmTwoFactorEnrolment(caller: Acting, input: TwoFactorCodeInput, meta: RequestMeta) {
  const factor = await prisma.twoFactorFactor.findUnique({ where: { userId: caller.userId } });
  if (!factor) throw apiError("two_factor_enrolment_not_started");
  if (factor.enabledAt) throw apiError("two_factor_already_enabled");
  return guardSecondFactor(caller, caller.tenantId, meta, { purpose: "confirm", method: "totp" }, async () => {
    const step = await matchTotpStep(factor.secretEncrypted, input.code, null);
    if (step === null) return null;
    const enabledAt = new Date();
    const codes = await prisma.$transaction(async (tx) => {
      // The secret the code was checked against, still pending: a restart or a confirm meanwhile wins.
      const { count } = await tx.twoFactorFactor.updateMany({
        where: { id: factor.id, enabledAt: null, secretEncrypted: factor.secretEncrypted },
        data: { enabledAt, lastUsedStep: step },
      });
      if (count === 0) throw apiError("two_factor_enrolment_not_started", "The enrolment changed meanwhile (started again, or confirmed elsewhere). Reload and try again.");
      return replaceRecoveryCodes(tx, caller, meta, "auth.two_factor_enabled");
    });
    return { enabled: true as const, enabled_at: enabledAt.toISOString(), recovery_codes: codes };
  });
}

async function enabledFactor(userId: string) {
  const factor = await prisma.twoFactorFactor.findUnique({ where: { userId } });
  if (!factor?.enabledAt) throw apiError("two_factor_not_enabled");
  return factor;
}

/** Turns two-factor off with a current code or the account's password; the person is mailed a notice. */
export async function disableTwoFactor(caller: Acting & Pick<Caller, "name" | "tenantName">, input: DisableTwoFactorInput, meta: RequestMeta) {
  const factor = await enabledFactor(caller.userId);
  const method: SecondFactorMethod = input.code !== undefined ? "totp" : "password";
  const disabledAt = new Date();
  await guardSecondFactor(caller, caller.tenantId, meta, { purpose: "disable", method }, async () => {
    if (input.code !== undefined) {
      const step = await matchTotpStep(factor.secretEncrypted, input.code, factor.lastUsedStep);
      if (step === null) return null;
    } else {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { passwordHash: true } });
      if (!(await verifyPassword(user.passwordHash, input.password ?? ""))) return null;
    }
    await prisma.$transaction(async (tx) => {
      // Only the factor that was checked: a re-enrolment meanwhile is not turned off by an old code.
      const { count } = await tx.twoFactorFactor.deleteMany({ where: { id: factor.id, secretEncrypted: factor.secretEncrypted } });
      if (count === 0) throw apiError("two_factor_not_enabled", "Two-factor sign-in was turned off meanwhile.");
      await tx.twoFactorRecoveryCode.deleteMany({ where: { userId: caller.userId } });
      await tx.twoFactorChallenge.deleteMany({ where: { userId: caller.userId } });
      await recordAudit(tx, {
        tenantId: caller.tenantId,
        actor: userActor(caller),
        action: "auth.two_factor_disabled",
        target: { type: "user", id: caller.userId },
        meta,
        metadata: { method },
      });
    });
    return true;
  });
  notifyTwoFactorDisabled({ email: caller.email, name: caller.name }, caller.tenantName, disabledAt, method === "password" ? "password" : "totp");
  return { enabled: false as const };
}

/** A new set of recovery codes for a current code: the old ones stop working at once. */
export async function regenerateRecoveryCodes(caller: Acting, input: TwoFactorCodeInput, meta: RequestMeta) {
  const factor = await enabledFactor(caller.userId);
  return guardSecondFactor(caller, caller.tenantId, meta, { purpose: "regenerate_recovery_codes", method: "totp" }, async () => {
    const step = await matchTotpStep(factor.secretEncrypted, input.code, factor.lastUsedStep);
    if (step === null) return null;
    const codes = await prisma.$transaction(async (tx) => {
      if (!(await claimTotpStep(tx, factor.id, step))) throw new SecondFactorRejected();
      return replaceRecoveryCodes(tx, caller, meta, "auth.two_factor_recovery_codes_regenerated");
    });
    return { recovery_codes: codes };
  });
}
