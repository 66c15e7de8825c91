import { prisma } from "@/lib/db";
import type { Caller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { sendMailLater } from "@/lib/mail/outbox";
import { apiKeysRevokedMail, emailChangedMail, passwordChangedMail, twoFactorDisabledMail } from "@/lib/mail/templates";

/** Security notices, composed and sent after the change committed (lib/mail/outbox.ts). */

/** Every owner of the tenant hears that keys stopped working, the one who revoked them included. */
export function notifyOwnersOfRevokedKeys(caller: Pick<Caller, "tenantId" | "tenantName" | "name">, modes: string[], keyCount: number, when: Date): void {
  sendMailLater(async () => {
    const owners = await prisma.membership.findMany({
      where: { tenantId: caller.tenantId, role: "owner" },
      select: { user: { select: { email: true } } },
    });
    if (owners.length === 0) return null;
    return {
      to: owners.map((owner) => owner.user.email),
      ...apiKeysRevokedMail({ tenantName: caller.tenantName, actorName: caller.name, keyCount, modes, when, keysUrl: `${env().appUrl}/api-keys` }),
    };
  });
}

/** `signedOut`: "all" after a reset (every session ended), "others" after a change from a signed-in session (that one stays). */
export function notifyPasswordChanged(user: { email: string; name: string }, tenantName: string | null, when: Date, signedOut: "all" | "others" = "all"): void {
  sendMailLater({ to: user.email, ...passwordChangedMail({ name: user.name, tenantName, when, loginUrl: `${env().appUrl}/login`, signedOut }) });
}

/** To the address the account just left: the only warning its owner gets if someone else moved it. */
export function notifyEmailChanged(previous: { email: string; name: string }, newEmail: string, when: Date): void {
  sendMailLater({ to: previous.email, ...emailChangedMail({ name: previous.name, newEmail, when, loginUrl: `${env().appUrl}/login` }) });
}

/** The person whose second factor was turned off hears it, whoever did it: a stolen session could have. */
export function notifyTwoFactorDisabled(user: { email: string; name: string }, tenantName: string | null, when: Date, method: "totp" | "password"): void {
  sendMailLater({ to: user.email, ...twoFactorDisabledMail({ name: user.name, tenantName, when, method, profileUrl: `${env().appUrl}/settings/profile` }) });
}
