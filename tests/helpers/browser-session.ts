import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { encodeSessionToken } from "@/lib/auth/tokens";
import { prisma } from "@/lib/db";

/**
 * A browser sign-in as next-auth makes it: the Credentials provider's
 * authorize (authenticateWithPassword, which records the UserSession) and the
 * jwt callback's claims, encoded as the session cookie's value.
 */
export async function signInBrowser(email: string, password: string, meta: { ip?: string; userAgent?: string } = {}) {
  const result = await authenticateWithPassword({ email, password }, { ip: meta.ip ?? "203.0.113.10", userAgent: meta.userAgent ?? "vitest-browser" }, "browser");
  if (result.twoFactorRequired) throw new Error("signInBrowser: this account has two-factor sign-in on");
  const user = result.user;
  const cookie = await encodeSessionToken({ id: user.userId, email: user.email, name: user.name, sessionVersion: user.sessionVersion }, user.tenantId, user.sessionId);
  return { cookie, sessionId: user.sessionId!, userId: user.userId, tenantId: user.tenantId };
}

/** Marks an account's address as confirmed, for tests about something else than confirming it. */
export async function markEmailVerified(userId: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
}
