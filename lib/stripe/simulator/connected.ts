import type { SimulatedAccount } from "./accounts";
import { sendSimulatedEvent } from "./events";
import { refuse } from "./params";
import type { SimResponse } from "./responses";
import { listObjects, loadObject, saveObject, type SimulatorObjectKind } from "./store";

/**
 * Requests made on behalf of a connected account (stripe-node's
 * `{ stripeAccount }`, sent as the Stripe-Account header). The payment
 * objects of an account are stored under `acct_…/<object id>`, so one
 * account's ids are not found through another's (Stripe's 404), and an
 * account's objects are listed through the primary key's index.
 */

export type OwnedKind = Extract<SimulatorObjectKind, "payment_intent" | "charge" | "refund" | "payout">;

const ownedRowId = (account: string, objectId: string) => `${account}/${objectId}`;

const noAccess = (accountId: string) =>
  refuse(
    403,
    "account_invalid",
    `The provided key does not have access to account '${accountId}' (or that account does not exist). Application access may have been revoked.`,
  );

/** The account a request acts on; an unknown or deauthorized one is refused as Stripe refuses it. */
export async function actingAccount(stripeAccount: string | null | undefined): Promise<SimulatedAccount> {
  // Stripe would act on the platform's own account here; the simulator only keeps connected accounts' payments.
  if (!stripeAccount) return refuse(400, "parameter_missing", "The simulator takes payments on connected accounts only: send the Stripe-Account header.");
  const account = await loadObject<SimulatedAccount>("account", stripeAccount);
  if (!account || account.deauthorized) return noAccess(stripeAccount);
  return account;
}

export const loadOwned = <T>(kind: OwnedKind, account: string, objectId: string) => loadObject<T>(kind, ownedRowId(account, objectId));

export const saveOwned = (kind: OwnedKind, account: string, objectId: string, data: object) => saveObject(kind, ownedRowId(account, objectId), data);

/** Newest first. */
export const listOwned = <T>(kind: OwnedKind, account: string) => listObjects<T>(kind, `${account}/`);

/** Stripe's 404 for an id this account does not have (another account's, too). */
export function noSuch(label: string, objectId: string, param?: string): never {
  return refuse(404, "resource_missing", `No such ${label}: '${objectId}'`, "invalid_request_error", param ? { param } : {});
}

export async function requireOwned<T>(kind: OwnedKind, account: string, objectId: string, label: string): Promise<T> {
  return (await loadOwned<T>(kind, account, objectId)) ?? noSuch(label, objectId);
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs the changes of one account one after another (confirm, refund,
 * payout read, check and write several objects). In-process only: the
 * simulator is a development and test stand-in served by one process.
 */
async function serialized<T>(account: string, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(account) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(run);
  queues.set(account, current);
  try {
    return await current;
  } finally {
    if (queues.get(account) === current) queues.delete(account);
  }
}

/** What a change answers, and the event Stripe sends about it (if any). */
export type Change = { response: SimResponse; event?: { type: string; object: object } };

/**
 * Runs a change of an account's payment objects in the account's queue, then
 * sends its event (saved state first, the event before the answer, as tests
 * rely on). The event goes out after the queue is free: the portal, handling
 * it, may call the simulator about the same account.
 */
export async function applyChange(account: string, run: () => Promise<Change>): Promise<SimResponse> {
  const { response, event } = await serialized(account, run);
  if (event) await sendSimulatedEvent(event.type, event.object, account);
  return response;
}
