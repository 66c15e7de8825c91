import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { hashPassword } from "@/lib/auth/password";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { RegisterInput } from "@/lib/schemas/auth";
import { isUniqueViolation } from "@/lib/db-errors";
import { issueKeys } from "@/lib/api-keys/api-keys";
import { beginSignupAttempt, finishAttempt } from "@/lib/auth/auth-throttle";
import { AUTH_ATTEMPT_OUTCOME, EMAIL_TOKEN_PURPOSE } from "@/lib/statuses";
import { createEmailToken, mailEmailVerification } from "@/lib/auth/email-verification";

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "tenant";
}

async function availableSlug(name: string, forceSuffix: boolean): Promise<string> {
  const base = slugify(name);
  const taken = forceSuffix || (await prisma.tenant.findUnique({ where: { slug: base }, select: { id: true } }));
  return taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
}

/**
 * Creates the tenant (pending), its owner, the owner membership and the first
 * live and test keys, audited, in one transaction. The secrets are returned
 * here once and never again. The owner's address is not confirmed yet: a
 * confirmation link goes to it once the transaction committed.
 */
export async function registerTenant(input: RegisterInput, meta: RequestMeta) {
  const attemptId = await beginSignupAttempt(input.email, meta.ip);
  const passwordHash = await hashPassword(input.password);
  try {
    const created = await createTenantWithOwner(input, passwordHash, meta, false).catch((error: unknown) => {
      // Two sign-ups raced for the same slug: the later one takes a suffixed slug.
      if (isUniqueViolation(error, "slug")) return createTenantWithOwner(input, passwordHash, meta, true);
      throw error;
    });
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.succeeded);
    const { verificationToken, ...result } = created;
    mailEmailVerification(result.user, verificationToken);
    return result;
  } catch (error) {
    await finishAttempt(attemptId, AUTH_ATTEMPT_OUTCOME.failed);
    if (isUniqueViolation(error, "email")) {
      throw apiError("email_taken", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

async function createTenantWithOwner(input: RegisterInput, passwordHash: string, meta: RequestMeta, forceSuffix: boolean) {
  const slug = await availableSlug(input.tenant_name, forceSuffix);
  return prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash },
      });
      const tenant = await tx.tenant.create({ data: { name: input.tenant_name, slug } });
      const membership = await tx.membership.create({
        data: { userId: user.id, tenantId: tenant.id, role: "owner", lastSignInAt: new Date() },
      });
      const apiKeys = await issueKeys(tx, tenant.id, user.id, ["live", "test"]);
      await recordAudit(tx, {
        tenantId: tenant.id,
        actor: { type: "user", userId: user.id, label: user.email },
        action: "auth.signed_up",
        target: { type: "tenant", id: tenant.id },
        meta,
        metadata: { tenant_name: tenant.name, api_key_ids: apiKeys.map((key) => key.id) },
      });
      const verificationToken = await createEmailToken(tx, user.id, EMAIL_TOKEN_PURPOSE.verify, user.email);
      return { user, tenant, membership, apiKeys, verificationToken };
  });
}
