import { PLATFORM_DEFAULT_FEE_SCHEDULE, type FeeSchedule } from "@/lib/money/fees";

/** Where the schedule that applies to a tenant comes from. */
export type FeeScheduleSource = "platform_default" | "tenant";

export type AppliedFeeSchedule = { schedule: FeeSchedule; source: FeeScheduleSource };

/**
 * The fee schedule that applies to a tenant's next payment. Every reader
 * (payments, the tenant's settings page, the operator console) goes through
 * here, so where schedules are stored is decided in one place.
 */
export async function feeScheduleFor(tenantId: string): Promise<AppliedFeeSchedule> {
  void tenantId; // Stored schedules (platform default and per-tenant overrides) are read here once they exist.
  return { schedule: PLATFORM_DEFAULT_FEE_SCHEDULE, source: "platform_default" };
}
