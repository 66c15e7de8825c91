import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { AUDIT_ACTIONS, recordAudit } from "@/lib/audit/audit-log";
import { hashPassword } from "@/lib/auth/password";
import { conflict } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { RegisterInput } from "@/lib/schemas/auth";
import { isUniqueViolation } from "@/lib/db-errors";
import { issueKeys } from "@/lib/api-keys/api-keys";

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

async function availableSlug(name: string): Promise<string> {
  const base = slugify(name);
  const taken = await prisma.tenant.findUnique({ where: { slug: base }, select: { id: true } });
  return taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
}

/**
 * Creates the tenant (pending), its owner, the owner membership and the first
 * live and test keys, audited, in one transaction. The secrets are returned
 * here once and never again.
 */
export async function registerTenant(input: RegisterInput, meta: RequestMeta) {
  const passwordHash = await hashPassword(input.password);
  const slug = await availableSlug(input.tenant_name);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash },
      });
      const tenant = await tx.tenant.create({ data: { name: input.tenant_name, slug } });
      const membership = await tx.membership.create({
        data: { userId: user.id, tenantId: tenant.id, role: "owner" },
      });
      const apiKeys = await issueKeys(tx, tenant.id, user.id, ["live", "test"]);
      await recordAudit(tx, {
        tenantId: tenant.id,
        actor: { type: "user", userId: user.id, label: user.email },
        action: AUDIT_ACTIONS.signedUp,
        target: { type: "tenant", id: tenant.id },
        meta,
        metadata: { tenant_name: tenant.name, api_key_ids: apiKeys.map((key) => key.id) },
      });
      return { user, tenant, membership, apiKeys };
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) {
      throw conflict("email_taken", "An account with this email already exists. Sign in instead.");
    }
    if (isUniqueViolation(error, "slug")) {
      // Two sign-ups raced for the same slug; the second one takes a suffixed one.
      return registerTenant({ ...input, tenant_name: input.tenant_name }, meta);
    }
    throw error;
  }
}
