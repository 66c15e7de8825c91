// Which status a tenant has, decided from facts alone. Stripe's updates and a
// platform operator's reactivation both ask here, so "active" means the same
// thing wherever it is written.
import { STRIPE_CONNECTION_STATUS, TENANT_STATUS, type TenantStatus } from "@/lib/statuses";

/** What the tenant's Stripe connection says now; null when it has none. */
export type StripeConnectionFacts = { status: string; chargesEnabled: boolean } | null;

/** The status the tenant's Stripe connection earns it, as if no operator had suspended it. */
export function unsuspendedTenantStatus(connection: StripeConnectionFacts): TenantStatus {
  return connection?.status === STRIPE_CONNECTION_STATUS.connected && connection.chargesEnabled ? TENANT_STATUS.active : TENANT_STATUS.pending;
}

/**
 * The status after the Stripe connection changed: a suspension is an
 * operator's decision, and only an operator's reactivation ends it.
 */
export function tenantStatusAfterStripeChange(current: string, connection: StripeConnectionFacts): TenantStatus {
  return current === TENANT_STATUS.suspended ? TENANT_STATUS.suspended : unsuspendedTenantStatus(connection);
}
