import { prisma, type TransactionClient } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/audit-log";
import type { Caller } from "@/lib/auth/caller";
import { feeScheduleFor, type FeeScheduleSource } from "@/lib/fees/fee-schedules";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { CurrencyCode } from "@/lib/money/currencies";
import { describeFeeSchedule } from "@/lib/money/format";
import type { CurrencySettingsInput } from "@/lib/schemas/settings";
import { currencySettingsFromStored, inRegistryOrder, sameCurrencySettings, type CurrencySettings } from "@/lib/tenants/currency-settings";

type Db = TransactionClient | typeof prisma;

/**
 * The currencies a tenant accepts and its default. The only reader: a tenant
 * without a settings row has usd alone, so every caller (this page, payments)
 * sees the same answer whether or not anyone ever saved.
 */
export async function readCurrencySettings(db: Db, tenantId: string): Promise<CurrencySettings> {
  const row = await db.tenantSettings.findUnique({ where: { tenantId }, select: { currencies: true, defaultCurrency: true } });
  return currencySettingsFromStored(row);
}

/** The currency settings of each of a page of tenants (the operator console's list), read in one query. */
export async function readCurrencySettingsOf(db: Db, tenantIds: readonly string[]): Promise<Map<string, CurrencySettings>> {
  const rows = await db.tenantSettings.findMany({ where: { tenantId: { in: [...tenantIds] } }, select: { tenantId: true, currencies: true, defaultCurrency: true } });
  const byTenant = new Map(rows.map((row) => [row.tenantId, row]));
  return new Map(tenantIds.map((tenantId) => [tenantId, currencySettingsFromStored(byTenant.get(tenantId) ?? null)]));
}

/** GET /tenants/settings/. */
export async function getCurrencySettings(tenantId: string): Promise<CurrencySettings> {
  return readCurrencySettings(prisma, tenantId);
}

/** Saves the tenant's currencies; audited only when something changed. */
export async function updateCurrencySettings(caller: Caller, input: CurrencySettingsInput, meta: RequestMeta): Promise<CurrencySettings> {
  const next: CurrencySettings = { currencies: inRegistryOrder(input.currencies), default_currency: input.default_currency };
  return prisma.$transaction(async (tx) => {
    // Taking the tenant row first serialises two saves, so each audit entry's "before" is what that save replaced.
    await tx.tenant.update({ where: { id: caller.tenantId }, data: { updatedAt: new Date() } });
    const before = await readCurrencySettings(tx, caller.tenantId);
    if (sameCurrencySettings(before, next)) return before;
    const data = { currencies: next.currencies, defaultCurrency: next.default_currency, updatedById: caller.userId };
    await tx.tenantSettings.upsert({ where: { tenantId: caller.tenantId }, create: { tenantId: caller.tenantId, ...data }, update: data });
    await recordAudit(tx, {
      tenantId: caller.tenantId,
      actor: userActor(caller),
      action: "settings.currencies_changed",
      target: { type: "tenant", id: caller.tenantId },
      meta,
      metadata: { before, after: next },
    });
    return next;
  });
}

export type TenantFeesView = {
  percent_bps: number;
  fixed: Partial<Record<CurrencyCode, number>>;
  minimum: Partial<Record<CurrencyCode, number>>;
  maximum: Partial<Record<CurrencyCode, number>>;
  source: FeeScheduleSource;
  /** The fee in plain words in each enabled currency, default first. */
  descriptions: Partial<Record<CurrencyCode, string>>;
};

/** GET /tenants/fees/: the schedule that applies to the tenant, read-only, in words per enabled currency. */
export async function getTenantFees(tenantId: string): Promise<TenantFeesView> {
  const [{ schedule, source }, settings] = await Promise.all([feeScheduleFor(tenantId), readCurrencySettings(prisma, tenantId)]);
  const ordered = [settings.default_currency, ...settings.currencies.filter((code) => code !== settings.default_currency)];
  return {
    percent_bps: schedule.percent_bps,
    fixed: schedule.fixed ?? {},
    minimum: schedule.minimum ?? {},
    maximum: schedule.maximum ?? {},
    source,
    descriptions: Object.fromEntries(ordered.map((code) => [code, describeFeeSchedule(schedule, code)])),
  };
}
