import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { apiError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { KeyType, RegenerateApiKeysInput, RevokeApiKeysInput, StoredApiKeysInput } from "@/lib/schemas/api-keys";
import { emitEvent } from "@/lib/webhooks/outbox";
import { notifyOwnersOfRevokedKeys } from "@/lib/mail/notices";
import { generateKey, hashKey, maskKey, parseKey, type KeyKind, type KeyMode } from "./key-format";
import { findKeyByHash, type KeyRecord } from "./key-lookup";
import { API_KEY_STATUS, TENANT_STATUS, type ApiKeyStatus } from "@/lib/statuses";

// Twenty owners' clicks may arrive at once; they queue on the tenant row.
const KEY_TRANSACTION = { maxWait: 15_000, timeout: 20_000 } as const;

export type KeyStatus = ApiKeyStatus;

type KeyRow = {
  id: string;
  mode: string;
  kind: string;
  prefix: string;
  last4: string;
  publishableKey: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  lastUsedAt: Date | null;
  createdBy?: { id: string; name: string; email: string } | null;
};

export function modesFor(keyType: KeyType): KeyMode[] {
  return keyType === "all" ? ["live", "test"] : [keyType];
}

export function keyStatus(key: Pick<KeyRow, "revokedAt" | "expiresAt">, now = new Date()): KeyStatus {
  if (key.revokedAt) return API_KEY_STATUS.revoked;
  if (key.expiresAt) return key.expiresAt > now ? API_KEY_STATUS.expiring : API_KEY_STATUS.expired;
  return API_KEY_STATUS.active;
}

/** The API's view of a key. `fullKey` is passed only in the one response that issues it. */
export function toApiKeyView(key: KeyRow, now = new Date(), fullKey?: string) {
  return {
    id: key.id,
    mode: key.mode as KeyMode,
    type: key.kind as KeyKind,
    key: fullKey ?? key.publishableKey ?? maskKey(key.prefix, key.last4),
    last4: key.last4,
    status: keyStatus(key, now),
    created_at: key.createdAt.toISOString(),
    created_by: key.createdBy ? { id: key.createdBy.id, name: key.createdBy.name, email: key.createdBy.email } : null,
    expires_at: key.expiresAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    revoked_reason: key.revokedReason,
  };
}
export type ApiKeyView = ReturnType<typeof toApiKeyView>;

/** Creates a publishable and a secret key per mode; the secrets leave this function once, in the views. */
export async function issueKeys(tx: TransactionClient, tenantId: string, userId: string | null, modes: KeyMode[]) {
  const now = new Date();
  const views: ApiKeyView[] = [];
  for (const mode of modes) {
    for (const kind of ["publishable", "secret"] as const) {
      const generated = generateKey(kind, mode);
      const row = await tx.apiKey.create({
        data: {
          tenantId,
          mode,
          kind,
          prefix: generated.prefix,
          last4: generated.last4,
          keyHash: generated.hash,
          publishableKey: kind === "publishable" ? generated.key : null,
          createdById: userId,
        },
        include: { createdBy: { select: { id: true, name: true, email: true } } },
      });
      views.push(toApiKeyView(row, now, generated.key));
    }
  }
  return views;
}

export async function listApiKeys(tenantId: string) {
  const rows = await prisma.apiKey.findMany({
    where: { tenantId },
    include: { createdBy: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const now = new Date();
  return { data: rows.map((row) => toApiKeyView(row, now)) };
}

function assertConfirmed(confirm: boolean | undefined, what: string) {
  if (confirm !== true) {
    throw apiError("confirmation_required", `Send "confirm": true to ${what}. Nothing was changed.`);
  }
}

/**
 * Takes the tenant's row lock for the rest of the transaction, so concurrent
 * regenerations and revocations of one tenant run one after another (on
 * PostgreSQL the UPDATE's lock; SQLite has a single writer anyway).
 */
async function lockTenantKeys(tx: TransactionClient, tenantId: string) {
  await tx.tenant.update({ where: { id: tenantId }, data: { updatedAt: new Date() } });
}

/** Keys that still authenticate: not revoked, not past a grace deadline. */
function workingKeysWhere(tenantId: string, modes: KeyMode[], now: Date) {
  return { tenantId, mode: { in: modes }, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export async function regenerateApiKeys(caller: Caller, input: RegenerateApiKeysInput, meta: RequestMeta) {
  assertConfirmed(input.confirm, "regenerate keys");
  const modes = modesFor(input.key_type);
  return prisma.$transaction(async (tx) => {
    await lockTenantKeys(tx, caller.tenantId);
    const now = new Date();
    const replaced = await tx.apiKey.findMany({ where: workingKeysWhere(caller.tenantId, modes, now), select: { id: true, expiresAt: true } });
    let oldKeysExpireAt: Date = now;
    if (input.expire_old_in_hours > 0) {
      oldKeysExpireAt = new Date(now.getTime() + input.expire_old_in_hours * 3_600_000);
      // A key already in an earlier grace period keeps its earlier deadline.
      await tx.apiKey.updateMany({
        where: { id: { in: replaced.filter((key) => !key.expiresAt).map((key) => key.id) } },
        data: { expiresAt: oldKeysExpireAt },
      });
    } else {
      await tx.apiKey.updateMany({
        where: { id: { in: replaced.map((key) => key.id) } },
        data: { revokedAt: now, revokedById: caller.userId, revokedReason: "Replaced by a regenerated key" },
      });
    }
    const issued = await issueKeys(tx, caller.tenantId, caller.userId, modes);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "api_keys.regenerated",
      target: { type: "api_keys", id: input.key_type },
      meta,
      metadata: {
        modes,
        grace_hours: input.expire_old_in_hours,
        replaced_key_ids: replaced.map((key) => key.id),
        new_key_ids: issued.map((key) => key.id),
        old_keys_expire_at: oldKeysExpireAt.toISOString(),
      },
    });
    await emitEvent(tx, caller.tenantId, "api_keys.regenerated", {
      key_type: input.key_type,
      modes,
      new_key_ids: issued.map((key) => key.id),
      replaced_count: replaced.length,
      old_keys_expire_at: oldKeysExpireAt.toISOString(),
    });
    return {
      key_type: input.key_type,
      api_keys: issued,
      replaced: { count: replaced.length, expires_at: oldKeysExpireAt.toISOString() },
    };
  }, KEY_TRANSACTION);
}

export async function revokeApiKeys(caller: Caller, input: RevokeApiKeysInput, meta: RequestMeta) {
  assertConfirmed(input.confirm, "revoke keys");
  const modes = modesFor(input.key_type);
  const result = await prisma.$transaction(async (tx) => {
    await lockTenantKeys(tx, caller.tenantId);
    const now = new Date();
    const revoked = await tx.apiKey.findMany({ where: workingKeysWhere(caller.tenantId, modes, now), select: { id: true } });
    await tx.apiKey.updateMany({
      where: { id: { in: revoked.map((key) => key.id) } },
      data: { revokedAt: now, revokedById: caller.userId, revokedReason: input.reason },
    });
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "api_keys.revoked",
      target: { type: "api_keys", id: input.key_type },
      reason: input.reason,
      meta,
      metadata: { modes, revoked_key_ids: revoked.map((key) => key.id), count: revoked.length },
    });
    await emitEvent(tx, caller.tenantId, "api_keys.revoked", {
      key_type: input.key_type,
      modes,
      revoked_count: revoked.length,
      reason: input.reason,
    });
    return { key_type: input.key_type, revoked_count: revoked.length, revoked_at: now.toISOString(), reason: input.reason };
  }, KEY_TRANSACTION);
  if (result.revoked_count > 0) notifyOwnersOfRevokedKeys(caller, modes, result.revoked_count, new Date(result.revoked_at));
  return result;
}

export type ApiKeyCaller = {
  keyId: string;
  mode: KeyMode;
  tenant: KeyRecord["tenant"];
  stripe: KeyRecord["stripe"];
  rateLimits: KeyRecord["rateLimits"];
};

const invalidApiKey = () => apiError("invalid_api_key");

/**
 * Authenticates `Authorization: Bearer sk_…` for the platform API. Every
 * request asks for the key's row (one indexed lookup by hash, key-lookup.ts,
 * which answers only what is committed), so a revoked or replaced key fails
 * on the very next request. It writes nothing: last_used_at is kept by the
 * traffic recorder (lib/api-traffic/recorder.ts), off the response path.
 */
export async function authenticateApiKey(raw: string): Promise<ApiKeyCaller> {
  const parsed = parseKey(raw);
  if (!parsed) throw invalidApiKey(); // before any database lookup
  if (parsed.kind === "publishable") {
    throw apiError("publishable_key_not_allowed");
  }
  return authenticateSecretKeyHash(hashKey(raw));
}

/** The caller a well-formed secret key names, by the key's hash: for a caller that parsed and hashed the key already. */
export async function authenticateSecretKeyHash(hash: string): Promise<ApiKeyCaller> {
  const key = await findKeyByHash(hash);
  const now = new Date();
  if (!key || keyStatus(key, now) === API_KEY_STATUS.revoked || keyStatus(key, now) === API_KEY_STATUS.expired) throw invalidApiKey();
  if (key.tenant.status === TENANT_STATUS.suspended) {
    throw apiError("tenant_suspended", "This tenant is suspended: API access is paused. Contact the platform team.");
  }
  return { keyId: key.id, mode: key.mode as KeyMode, tenant: key.tenant, stripe: key.stripe, rateLimits: key.rateLimits };
}

/**
 * POST /api-keys/stored/: the owner who was shown new secrets says they stored
 * them (the "Get started" checklist reads it). Only this tenant's working
 * secret keys not marked before are marked; other ids are ignored, so the
 * answer says nothing about keys elsewhere.
 */
export async function markSecretsStored(caller: Caller, input: StoredApiKeysInput) {
  const now = new Date();
  const { count } = await prisma.apiKey.updateMany({
    where: { ...workingKeysWhere(caller.tenantId, ["live", "test"], now), id: { in: input.key_ids }, kind: "secret", storedAt: null },
    data: { storedAt: now },
  });
  return { stored_count: count };
}
