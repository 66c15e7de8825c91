// Which secrets an endpoint signs with right now. A rotation's previous secret
// counts only until its expiry: the sweep that deletes it (expirePreviousSecrets)
// runs about once a minute, and nothing may depend on when it last ran, so every
// reader asks here instead of looking at the columns.

import { decryptSecret } from "@/lib/crypto/secret-box";

type PreviousSecretColumns = {
  previousSecretEncrypted: string | null;
  previousSecretLast4: string | null;
  previousSecretExpiresAt: Date | null;
};

/** The previous secret while its grace period lasts, else null (expired but not yet swept counts as gone). */
export function activePreviousSecret(endpoint: PreviousSecretColumns, now: Date): { encrypted: string; last4: string; expiresAt: Date } | null {
  const { previousSecretEncrypted: encrypted, previousSecretLast4: last4, previousSecretExpiresAt: expiresAt } = endpoint;
  if (!encrypted || !last4 || !expiresAt || expiresAt.getTime() <= now.getTime()) return null;
  return { encrypted, last4, expiresAt };
}

/** The secrets a delivery is signed with, newest first: the current one, and the previous one during a grace period. */
export function signingSecretsOf(endpoint: PreviousSecretColumns & { secretEncrypted: string }, now: Date): string[] {
  const previous = activePreviousSecret(endpoint, now);
  return [decryptSecret(endpoint.secretEncrypted), ...(previous ? [decryptSecret(previous.encrypted)] : [])];
}

/** The columns that hold no previous secret: after its grace period, "Expire now", or a regeneration. */
export const NO_PREVIOUS_SECRET = { previousSecretEncrypted: null, previousSecretLast4: null, previousSecretExpiresAt: null } as const;
