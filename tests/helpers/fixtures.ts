import { prisma } from "@/lib/db";
import { grantPlatformOperator } from "@/lib/platform/operators";
import { registerOwner } from "./api";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { encodeSessionToken, issueAccessToken } from "@/lib/auth/tokens";

let counter = 0;

/**
 * Adds a person with the given role to a tenant (as joining through an invitation would: with a
 * confirmed address) and returns their access and session tokens.
 */
export async function addMember(tenantId: string, role: Role, password = "member password 123") {
  counter += 1;
  const user = await prisma.user.create({
    data: { email: `${role}${counter}-${Date.now()}@example.test`, name: `${role} ${counter}`, passwordHash: await hashPassword(password), emailVerifiedAt: new Date() },
  });
  await prisma.membership.create({ data: { userId: user.id, tenantId, role } });
  const { access_token } = await issueAccessToken(user, tenantId);
  return { userId: user.id, email: user.email, password, token: access_token, session: await encodeSessionToken(user, tenantId) };
}

/** The command line as an audit actor, as `npm run platform:grant` records it. */
export const CLI_ACTOR = { type: "system", label: "cli" } as const;

/** A signed-in platform operator: a member of a tenant of their own, granted the platform role. */
export async function addPlatformOperator() {
  const home = await registerOwner();
  const person = await addMember(home.tenantId, "member");
  await grantPlatformOperator(person.email, CLI_ACTOR);
  return person;
}
