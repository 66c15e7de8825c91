import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { recordSignIn, type AuthenticatedUser } from "@/lib/auth/authenticate";
import { challengeState, normaliseRecoveryCode } from "@/lib/auth/two-factor-rules";
import { claimTotpStep, guardSecondFactor, hashRecoveryCode, matchTotpStep, SecondFactorRejected } from "@/lib/auth/two-factor";
import { hashSingleUseToken } from "@/lib/crypto/single-use-token";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { TwoFactorSignInInput } from "@/lib/schemas/two-factor";

const challengeInvalid = () =>
  apiError("two_factor_challenge_invalid", "This sign-in expired (5 minutes) or was already completed. Sign in again with your password.");

export type TwoFactorSignIn = { user: AuthenticatedUser; method: "totp" | "recovery_code"; recoveryCodesRemaining: number };

/**
 * The second step of a sign-in: the challenge from the right password and a
 * code from the authenticator app (or a recovery code, which is burnt). The
 * challenge, the code and the sign-in land in one transaction: a challenge
 * completes one sign-in, and a code accepted once is refused after.
 */
export async function completeTwoFactorSignIn(input: TwoFactorSignInInput, meta: RequestMeta, channel: "browser" | "api"): Promise<TwoFactorSignIn> {
  const tokenHash = hashSingleUseToken(input.challenge_token);
  const challenge = await prisma.twoFactorChallenge.findUnique({
    where: { tokenHash },
    include: {
      user: {
        include: {
          twoFactor: true,
          // The tenant opened last, else the oldest, as a password sign-in picks it.
          memberships: { orderBy: [{ lastSignInAt: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }], take: 1 },
        },
      },
    },
  });
  if (!challenge || challenge.channel !== channel || challengeState(challenge, new Date()) !== "usable") throw challengeInvalid();
  const { user } = challenge;
  const factor = user.twoFactor;
  const membership = user.memberships[0];
  // Turned off, or removed from every tenant, since the password step: that step has to be taken again.
  if (!factor?.enabledAt || !membership) throw challengeInvalid();

  const method = input.code !== undefined ? "totp" : "recovery_code";
  const person = { userId: user.id, email: user.email };
  return guardSecondFactor(person, membership.tenantId, meta, { purpose: "sign_in", method, channel }, async () => {
    let step: number | null = null;
    let recoveryHash: string | null = null;
    if (input.code !== undefined) {
      step = await matchTotpStep(factor.secretEncrypted, input.code, factor.lastUsedStep);
      if (step === null) return null;
    } else {
      const normalised = normaliseRecoveryCode(input.recovery_code ?? "");
      if (!normalised) return null;
      recoveryHash = hashRecoveryCode(user.id, normalised);
    }
    return prisma.$transaction(async (tx) => {
      const now = new Date();
      const used = await tx.twoFactorChallenge.updateMany({ where: { id: challenge.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (used.count === 0) throw challengeInvalid();
      if (step !== null && !(await claimTotpStep(tx, factor.id, step))) throw new SecondFactorRejected();
      if (recoveryHash !== null) {
        const burnt = await tx.twoFactorRecoveryCode.updateMany({ where: { userId: user.id, codeHash: recoveryHash, usedAt: null }, data: { usedAt: now } });
        if (burnt.count === 0) throw new SecondFactorRejected();
      }
      const remaining = await tx.twoFactorRecoveryCode.count({ where: { userId: user.id, usedAt: null } });
      if (recoveryHash !== null) {
        await recordAudit(tx, {
          tenantId: membership.tenantId,
          actor: { type: "user", userId: user.id, label: user.email },
          action: "auth.two_factor_recovery_code_used",
          target: { type: "user", id: user.id },
          meta,
          metadata: { channel, recovery_codes_remaining: remaining },
        });
      }
      const signedIn = await recordSignIn(tx, user, membership, meta, channel, { two_factor: method });
      return { user: signedIn, method, recoveryCodesRemaining: remaining } satisfies TwoFactorSignIn;
    });
  });
}
