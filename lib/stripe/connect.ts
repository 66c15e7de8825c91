import { hashSingleUseToken, newSingleUseToken } from "@/lib/crypto/single-use-token";
import Stripe from "stripe";
import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { apiError, AppError } from "@/lib/http/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { DisconnectStripeInput, StripeCallbackQuery } from "@/lib/schemas/stripe";
import { emitEvent } from "@/lib/webhooks/outbox";
import { requireStripe, stripeSetup, type StripeSetup } from "./config";
import { emptyRequirements, requirementsOf, type StoredRequirements } from "./requirements";
import { STRIPE_CONNECTION_STATUS } from "@/lib/statuses";
import { tenantStatusAfterStripeChange, type StripeConnectionFacts } from "@/lib/tenants/tenant-status";

const STATE_TTL_MS = 10 * 60 * 1000;

type ConnectionRow = NonNullable<Awaited<ReturnType<typeof prisma.stripeConnection.findUnique>>>;

// stripe-node's Account type leaves out `livemode`, which the API sends.
const livemodeOf = (account: Stripe.Account) => (account as Stripe.Account & { livemode?: boolean }).livemode ?? false;

/** Stripe's failures, in the API's error shape. */
export function stripeFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) {
    return apiError("stripe_unreachable");
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError && error.statusCode === 409) {
    return apiError("connect_in_progress");
  }
  if (error instanceof Stripe.errors.StripeInvalidGrantError) {
    return apiError("invalid_grant", `Stripe refused the authorization code: ${error.message}`);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return apiError("stripe_misconfigured", "Stripe refused the platform's API key. Check STRIPE_SECRET_KEY.");
  }
  if (error instanceof Stripe.errors.StripeError) {
    return apiError("stripe_error", `Stripe answered with an error: ${error.message}`);
  }
  return apiError("stripe_unreachable");
}

/** Runs a Stripe call, its failures in the API's error shape. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw stripeFailure(error);
  }
}

function needsOnboarding(connection: ConnectionRow): boolean {
  const requirements = (connection.requirements as StoredRequirements | null) ?? emptyRequirements();
  return !connection.detailsSubmitted || requirements.currently_due.length > 0 || requirements.past_due.length > 0;
}

const apiBase = () => `${env().appUrl}/api/v1/auth/tenants/stripe`;

function authorizeUrl(setup: StripeSetup, state: string): string {
  const params = new URLSearchParams({
    response_type: "code",
    client_id: setup.clientId ?? "",
    scope: "read_write",
    state,
    redirect_uri: `${apiBase()}/callback/`,
  });
  const base = setup.simulatorBaseUrl ? `${setup.simulatorBaseUrl}/stripe-simulator/authorize` : "https://connect.stripe.com/oauth/authorize";
  return `${base}?${params}`;
}

function accountLinkFor(setup: StripeSetup, accountId: string, state: string) {
  return callStripe(() =>
    setup.stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: `${apiBase()}/refresh/?state=${encodeURIComponent(state)}`,
      return_url: `${apiBase()}/callback/?state=${encodeURIComponent(state)}`,
    }),
  );
}

/**
 * Creates the tenant's connected account, or finds the one a concurrent
 * connect created: the idempotency key names the tenant and its connection
 * generation, so simultaneous clicks get one account from Stripe (which
 * replays the first answer), and a reconnect after a disconnect gets a new one.
 */
async function createOnboardingAccount(setup: StripeSetup, tenantId: string): Promise<string> {
  const { stripeConnectGeneration } = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { stripeConnectGeneration: true } });
  const account = await callStripe(() =>
    setup.stripe.accounts.create(
      {
        controller: {
          stripe_dashboard: { type: "express" },
          fees: { payer: "application" },
          losses: { payments: "application" },
          requirement_collection: "stripe",
        },
        metadata: { tenant_id: tenantId },
      },
      { idempotencyKey: `tenant-${tenantId}-connect-${stripeConnectGeneration}-account` },
    ),
  );
  await prisma.$transaction(async (tx) => {
    const existing = await tx.stripeConnection.findUnique({ where: { tenantId } });
    // A concurrent connect stored the same account already: leave its progress alone.
    if (existing && existing.status !== STRIPE_CONNECTION_STATUS.disconnected && existing.accountId === account.id) return;
    await tx.stripeConnection.upsert({
      where: { tenantId },
      create: { tenantId, accountId: account.id, mode: "account_links", status: STRIPE_CONNECTION_STATUS.onboarding, livemode: livemodeOf(account) },
      update: {
        accountId: account.id,
        mode: "account_links",
        status: STRIPE_CONNECTION_STATUS.onboarding,
        disconnectedReason: null,
        requirements: undefined,
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
      },
    });
  });
  return account.id;
}

/** POST /stripe/connect/: where to send the owner, with a single-use state bound to them. */
export async function startConnect(caller: Caller, meta: RequestMeta) {
  const setup = requireStripe();
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId: caller.tenantId } });
  const linked = connection && connection.status !== STRIPE_CONNECTION_STATUS.disconnected ? connection : null;
  if (linked?.status === STRIPE_CONNECTION_STATUS.connected && (setup.onboarding === "oauth" || linked.mode === "oauth" || !needsOnboarding(linked))) {
    throw apiError("already_connected", "This tenant is already connected to a Stripe account. Disconnect it first to connect another.");
  }

  const { token: state, hash: stateHash } = newSingleUseToken();
  const expiresAt = new Date(Date.now() + STATE_TTL_MS);
  let url: string;
  if (setup.onboarding === "oauth") {
    url = authorizeUrl(setup, state);
  } else {
    const accountId = linked?.accountId ?? (await createOnboardingAccount(setup, caller.tenantId));
    url = (await accountLinkFor(setup, accountId, state)).url;
  }

  await prisma.$transaction(async (tx) => {
    await tx.oAuthState.create({ data: { stateHash, tenantId: caller.tenantId, userId: caller.userId, mode: setup.onboarding, expiresAt } });
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "stripe.connect_started",
      target: { type: "stripe_connection", id: caller.tenantId },
      meta,
      metadata: { mode: setup.onboarding, simulator: setup.simulator },
    });
  });
  return { url, mode: setup.onboarding, expires_at: expiresAt.toISOString(), simulator: setup.simulator };
}

const invalidState = () => apiError("invalid_state", "This Stripe link is invalid, expired, already used, or was started by someone else. Start again from the Stripe page.");

/** The unspent, unexpired state this caller started; invalid_state otherwise. */
async function findValidState(caller: Caller, state: string | undefined) {
  if (!state) throw invalidState();
  const row = await prisma.oAuthState.findUnique({ where: { stateHash: hashSingleUseToken(state) } });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.userId !== caller.userId || row.tenantId !== caller.tenantId) throw invalidState();
  return row;
}

/**
 * Spends a checked state within the transaction that stores its outcome, so
 * a failed exchange leaves it usable and a concurrent use of it rolls back.
 */
async function spendState(tx: TransactionClient, stateId: string) {
  const { count } = await tx.oAuthState.updateMany({ where: { id: stateId, usedAt: null }, data: { usedAt: new Date() } });
  if (count !== 1) throw invalidState();
}

/**
 * Whether this signed-in caller started the onboarding that carries this
 * state (used or not): the simulator's stand-in for "signed in to Stripe as
 * the account's owner".
 */
export async function onboardingStartedBy(caller: Caller, state: string): Promise<boolean> {
  const row = await prisma.oAuthState.findUnique({ where: { stateHash: hashSingleUseToken(state) }, select: { tenantId: true, userId: true } });
  return row !== null && row.userId === caller.userId && row.tenantId === caller.tenantId;
}

/** Checks the state without spending it (the refresh of an expired account link). */
export async function refreshOnboardingLink(caller: Caller, state: string | undefined): Promise<string> {
  const setup = requireStripe();
  if (!state) throw invalidState();
  const row = await findValidState(caller, state);
  if (row.mode !== "account_links") throw invalidState();
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId: caller.tenantId } });
  if (!connection || connection.status === STRIPE_CONNECTION_STATUS.disconnected) throw invalidState();
  return (await accountLinkFor(setup, connection.accountId, state)).url;
}

function statusFields(account: Stripe.Account) {
  return {
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirements: requirementsOf(account),
    livemode: livemodeOf(account),
    lastCheckedAt: new Date(),
  };
}

async function setTenantStatus(tx: TransactionClient, tenantId: string, connection: StripeConnectionFacts) {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { status: true } });
  const status = tenantStatusAfterStripeChange(tenant.status, connection);
  if (status !== tenant.status) await tx.tenant.update({ where: { id: tenantId }, data: { status } });
}

/** A connection ended: the next connect creates a new account rather than replaying the last one's creation. */
async function endConnectGeneration(tx: TransactionClient, tenantId: string) {
  await tx.tenant.update({ where: { id: tenantId }, data: { stripeConnectGeneration: { increment: 1 } } });
}

/** GET /stripe/callback/: finishes onboarding for the signed-in user who started it. */
export async function completeConnect(caller: Caller, query: StripeCallbackQuery, meta: RequestMeta) {
  const setup = requireStripe();
  // Checked now, spent only with the connection it produces (a refused code leaves it usable).
  const state = await findValidState(caller, query.state);
  const actor = userActor(caller);

  if (query.error) {
    await recordAudit(prisma, {
      tenantId: caller.tenantId,
      actor,
      action: "stripe.connect_failed",
      reason: query.error_description || query.error,
      meta,
      metadata: { error: query.error },
    });
    throw apiError("oauth_error", query.error_description || `Stripe reported: ${query.error}`, { stripe_error: query.error });
  }

  let accountId: string;
  let scope: string | null = null;
  if (state.mode === "oauth") {
    if (!query.code) throw apiError("missing_code");
    const token = await callStripe(() => setup.stripe.oauth.token({ grant_type: "authorization_code", code: query.code! }));
    if (!token.stripe_user_id) throw apiError("stripe_error", "Stripe's answer named no account.");
    accountId = token.stripe_user_id;
    scope = token.scope ?? null;
  } else {
    const connection = await prisma.stripeConnection.findUnique({ where: { tenantId: caller.tenantId } });
    if (!connection || connection.status === STRIPE_CONNECTION_STATUS.disconnected) throw invalidState();
    accountId = connection.accountId;
  }
  const elsewhere = await prisma.stripeConnection.findFirst({
    where: { accountId, tenantId: { not: caller.tenantId }, status: { not: STRIPE_CONNECTION_STATUS.disconnected } },
    select: { id: true },
  });
  if (elsewhere) throw apiError("account_in_use");
  const account = await callStripe(() => setup.stripe.accounts.retrieve(accountId));
  const fields = statusFields(account);

  await prisma.$transaction(async (tx) => {
    await spendState(tx, state.id);
    const existing = await tx.stripeConnection.findUnique({ where: { tenantId: caller.tenantId } });
    // Stripe's account.updated may have connected it already (the owner came back after the event).
    const alreadyConnected = existing?.status === STRIPE_CONNECTION_STATUS.connected && existing.accountId === accountId;
    await tx.stripeConnection.upsert({
      where: { tenantId: caller.tenantId },
      create: { tenantId: caller.tenantId, accountId, mode: state.mode, status: STRIPE_CONNECTION_STATUS.connected, scope, connectedAt: new Date(), connectedById: caller.userId, ...fields },
      update: { accountId, mode: state.mode, status: STRIPE_CONNECTION_STATUS.connected, scope, connectedById: caller.userId, disconnectedReason: null, ...fields, ...(alreadyConnected ? {} : { connectedAt: new Date() }) },
    });
    await setTenantStatus(tx, caller.tenantId, { status: STRIPE_CONNECTION_STATUS.connected, chargesEnabled: fields.chargesEnabled });
    if (alreadyConnected) return;
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor,
      action: "stripe.account_connected",
      target: { type: "stripe_account", id: accountId },
      meta,
      metadata: { mode: state.mode, charges_enabled: fields.chargesEnabled, payouts_enabled: fields.payoutsEnabled },
    });
    await emitEvent(tx, caller.tenantId, "stripe.account.connected", {
      account_id: accountId,
      charges_enabled: fields.chargesEnabled,
      payouts_enabled: fields.payoutsEnabled,
      details_submitted: fields.detailsSubmitted,
    });
  });
  return getStoredStatus(caller.tenantId);
}

/** The status as stored (no call to Stripe). */
export async function getStoredStatus(tenantId: string) {
  const [connection, tenant] = await Promise.all([
    prisma.stripeConnection.findUnique({ where: { tenantId } }),
    prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { status: true } }),
  ]);
  const setup = stripeSetup();
  const connected = connection?.status === STRIPE_CONNECTION_STATUS.connected;
  return {
    connected,
    onboarding_started: connection?.status === STRIPE_CONNECTION_STATUS.onboarding,
    account_id: connection && connection.status !== STRIPE_CONNECTION_STATUS.disconnected ? connection.accountId : null,
    mode: connection?.mode ?? setup?.onboarding ?? null,
    livemode: connection?.livemode ?? false,
    charges_enabled: connected ? connection.chargesEnabled : false,
    payouts_enabled: connected ? connection.payoutsEnabled : false,
    details_submitted: connected ? connection.detailsSubmitted : false,
    requirements: connected ? ((connection.requirements as StoredRequirements | null) ?? emptyRequirements()) : emptyRequirements(),
    disconnected_reason: connection?.status === STRIPE_CONNECTION_STATUS.disconnected ? connection.disconnectedReason : null,
    tenant_status: tenant.status,
    checked_at: connection?.lastCheckedAt?.toISOString() ?? null,
    simulator: setup?.simulator ?? false,
    configured: setup !== null,
  };
}
export type StripeStatusView = Awaited<ReturnType<typeof getStoredStatus>>;

/** Marks a connection disconnected because Stripe says the platform lost access (within the caller's transaction). */
export async function markDisconnected(tx: TransactionClient, tenantId: string, reason: string, actor: "stripe" | "system") {
  const { count } = await tx.stripeConnection.updateMany({
    where: { tenantId, status: { not: STRIPE_CONNECTION_STATUS.disconnected } },
    data: { status: STRIPE_CONNECTION_STATUS.disconnected, disconnectedReason: reason, chargesEnabled: false, payoutsEnabled: false, lastCheckedAt: new Date() },
  });
  if (count === 0) return;
  await endConnectGeneration(tx, tenantId);
  await setTenantStatus(tx, tenantId, null);
  await recordAudit(tx, { tenantId, actor: { type: actor, label: "Stripe" }, action: "stripe.access_lost", reason });
  await emitEvent(tx, tenantId, "stripe.account.disconnected", { reason });
}

/** Stripe's way of saying the platform can no longer read the account. */
export function isLostAccess(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === "account_invalid";
}

/**
 * Stripe said the platform lost access to the tenant's account: the
 * connection is marked disconnected (audited, event sent), as it would be by
 * Stripe's own deauthorization event.
 */
export function disconnectForLostAccess(tx: TransactionClient, tenantId: string) {
  return markDisconnected(tx, tenantId, "Stripe reports that the platform no longer has access to this account (deauthorized).", "system");
}

/** What a request that found the access lost answers: there is no connected account any more. */
export const accessLostError = () => apiError("not_connected", "Stripe reports that the platform no longer has access to this account: it is now disconnected.");

/** GET /stripe/status/: fetched live from Stripe and stored. */
export async function refreshStripeStatus(tenantId: string) {
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId } });
  if (!connection || connection.status !== STRIPE_CONNECTION_STATUS.connected) return getStoredStatus(tenantId);
  const setup = requireStripe();
  let account: Stripe.Account | null = null;
  try {
    account = await setup.stripe.accounts.retrieve(connection.accountId);
  } catch (error) {
    if (!isLostAccess(error)) throw stripeFailure(error);
  }
  await prisma.$transaction((tx) =>
    account
      ? applyAccountUpdate(tx, connection.accountId, account, false)
      : disconnectForLostAccess(tx, tenantId),
  );
  return getStoredStatus(tenantId);
}

/**
 * Stores an account's state (from a live fetch, within the caller's
 * transaction); emits stripe.account.updated when something the tenant sees
 * changed. An Account Links account whose owner never came back through the
 * callback (the state expired) is connected once Stripe has its details.
 */
export async function applyAccountUpdate(tx: TransactionClient, accountId: string, account: Stripe.Account, fromEvent: boolean) {
  const fields = statusFields(account);
  const connection = await tx.stripeConnection.findFirst({ where: { accountId, status: { not: STRIPE_CONNECTION_STATUS.disconnected } } });
  if (!connection) return;
  const promote = connection.status === STRIPE_CONNECTION_STATUS.onboarding && connection.mode === "account_links" && fields.detailsSubmitted;
  const status = promote ? STRIPE_CONNECTION_STATUS.connected : connection.status;
  const before = JSON.stringify([connection.chargesEnabled, connection.payoutsEnabled, connection.detailsSubmitted, connection.requirements]);
  const after = JSON.stringify([fields.chargesEnabled, fields.payoutsEnabled, fields.detailsSubmitted, fields.requirements]);
  await tx.stripeConnection.update({ where: { id: connection.id }, data: { ...fields, status, ...(promote ? { connectedAt: new Date() } : {}) } });
  if (status !== STRIPE_CONNECTION_STATUS.connected) return;
  await setTenantStatus(tx, connection.tenantId, { status, chargesEnabled: fields.chargesEnabled });
  if (promote) {
    await recordAudit(tx, {
      tenantId: connection.tenantId,
      actor: { type: "stripe", label: "Stripe" },
      action: "stripe.account_connected",
      target: { type: "stripe_account", id: accountId },
      metadata: { mode: connection.mode, charges_enabled: fields.chargesEnabled, via: "account.updated" },
    });
    await emitEvent(tx, connection.tenantId, "stripe.account.connected", {
      account_id: accountId,
      charges_enabled: fields.chargesEnabled,
      payouts_enabled: fields.payoutsEnabled,
      details_submitted: fields.detailsSubmitted,
    });
  } else if (before !== after) {
    await emitEvent(tx, connection.tenantId, "stripe.account.updated", {
      account_id: accountId,
      charges_enabled: fields.chargesEnabled,
      payouts_enabled: fields.payoutsEnabled,
      details_submitted: fields.detailsSubmitted,
      currently_due: fields.requirements.currently_due,
      source: fromEvent ? "stripe_event" : "status_check",
    });
  }
}

/** POST /stripe/disconnect/: deauthorizes (oauth) or unlinks (account links), clears the record. */
export async function disconnectStripe(caller: Caller, input: DisconnectStripeInput, meta: RequestMeta) {
  if (input.confirm !== true) throw apiError("confirmation_required", 'Send "confirm": true to disconnect. Nothing was changed.');
  const connection = await prisma.stripeConnection.findUnique({ where: { tenantId: caller.tenantId } });
  if (!connection || connection.status === STRIPE_CONNECTION_STATUS.disconnected) throw apiError("not_connected");
  if (connection.mode === "oauth" && connection.status === STRIPE_CONNECTION_STATUS.connected) {
    const setup = requireStripe();
    try {
      await setup.stripe.oauth.deauthorize({ client_id: setup.clientId ?? "", stripe_user_id: connection.accountId });
    } catch (error) {
      // An account Stripe already considers disconnected is still cleared here.
      const alreadyGone = error instanceof Stripe.errors.StripeInvalidClientError || isLostAccess(error);
      if (!alreadyGone) throw stripeFailure(error);
    }
  }
  await prisma.$transaction(async (tx) => {
    await tx.stripeConnection.delete({ where: { id: connection.id } });
    await endConnectGeneration(tx, caller.tenantId);
    await setTenantStatus(tx, caller.tenantId, null);
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "stripe.account_disconnected",
      target: { type: "stripe_account", id: connection.accountId },
      meta,
      metadata: { mode: connection.mode },
    });
    await emitEvent(tx, caller.tenantId, "stripe.account.disconnected", { account_id: connection.accountId, reason: "disconnected_by_owner" });
  });
  return getStoredStatus(caller.tenantId);
}
