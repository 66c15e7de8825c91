import { prisma } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { encodeSessionToken, issueAccessToken } from "@/lib/auth/tokens";

let counter = 0;

/** Adds a person with the given role to a tenant (the team API arrives later) and returns their access and session tokens. */
export async function addMember(tenantId: string, role: Role, password = "member password 123") {
  counter += 1;
  const user = await prisma.user.create({
    data: { email: `${role}${counter}-${Date.now()}@example.test`, name: `${role} ${counter}`, passwordHash: await hashPassword(password) },
  });
  await prisma.membership.create({ data: { userId: user.id, tenantId, role } });
  const { access_token } = await issueAccessToken(user, tenantId);
  return { userId: user.id, email: user.email, password, token: access_token, session: await encodeSessionToken(user, tenantId) };
}
