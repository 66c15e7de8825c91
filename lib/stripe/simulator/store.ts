import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";

/**
 * The simulator's objects (accounts, account links, OAuth codes, idempotent
 * answers, and the payment objects of connected accounts), kept as JSON rows so they survive a restart of `npm run dev` and
 * are shared by every instance of the portal, as Stripe's state is.
 */
export type SimulatorObjectKind =
  | "account"
  | "account_link"
  | "oauth_code"
  | "idempotency_key"
  | "payment_intent"
  | "charge"
  | "refund"
  | "application_fee"
  | "payout"
  | "login_link";

export const newObjectId = (prefix: string) => `${prefix}_sim${randomBytes(10).toString("hex")}`;
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function loadObject<T>(kind: SimulatorObjectKind, objectId: string): Promise<T | null> {
  const row = await prisma.stripeSimulatorObject.findFirst({ where: { id: objectId, kind } });
  return row ? (row.data as T) : null;
}

export async function saveObject(kind: SimulatorObjectKind, objectId: string, data: object): Promise<void> {
  await prisma.stripeSimulatorObject.upsert({ where: { id: objectId }, create: { id: objectId, kind, data }, update: { data } });
}

/** Creates an object that must not exist yet; a unique violation tells a concurrent creator won. */
export async function createObject(kind: SimulatorObjectKind, objectId: string, data: object): Promise<void> {
  await prisma.stripeSimulatorObject.create({ data: { id: objectId, kind, data } });
}

export async function deleteObject(kind: SimulatorObjectKind, objectId: string): Promise<void> {
  await prisma.stripeSimulatorObject.deleteMany({ where: { id: objectId, kind } });
}

/** Takes a single-use object: of two concurrent takers only one gets it; null when it is gone (or never was). */
export async function takeObject<T>(kind: SimulatorObjectKind, objectId: string): Promise<T | null> {
  const found = await loadObject<T>(kind, objectId);
  if (!found) return null;
  const { count } = await prisma.stripeSimulatorObject.deleteMany({ where: { id: objectId, kind } });
  return count === 1 ? found : null;
}

/** Objects of one kind whose row id starts with a prefix (the primary key's index serves it), newest first. */
export async function listObjects<T>(kind: SimulatorObjectKind, idPrefix: string): Promise<T[]> {
  const rows = await prisma.stripeSimulatorObject.findMany({ where: { kind, id: { startsWith: idPrefix } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map((row) => row.data as T);
}
