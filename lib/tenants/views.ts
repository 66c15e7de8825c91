// The API's snake_case views of the core models; one place so every response agrees.
import { asStatus, TENANT_STATUS } from "@/lib/statuses";

type UserRow = { id: string; email: string; name: string; createdAt: Date; lastLoginAt: Date | null; emailVerifiedAt: Date | null };
type TenantRow = { id: string; name: string; slug: string; status: string; createdAt: Date };

export const toUserView = (user: UserRow) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  /** Whether the person proved they receive mail at `email` (needed to accept invitations). */
  email_verified: user.emailVerifiedAt !== null,
  created_at: user.createdAt.toISOString(),
  last_login_at: user.lastLoginAt?.toISOString() ?? null,
});

export const toTenantView = (tenant: TenantRow) => ({
  id: tenant.id,
  name: tenant.name,
  slug: tenant.slug,
  status: asStatus(TENANT_STATUS, tenant.status),
  created_at: tenant.createdAt.toISOString(),
});
