// Every status the portal stores or shows, one registry each. Code names a
// status through these objects (TENANT_STATUS.active), never as a bare
// string, so renaming or adding one is a change here that the compiler
// carries to every use. Importable from client components: no server code.

/** pending until Stripe is connected and can charge, then active; suspended by the platform. */
export const TENANT_STATUS = { pending: "pending", active: "active", suspended: "suspended" } as const;
export type TenantStatus = (typeof TENANT_STATUS)[keyof typeof TENANT_STATUS];

/** onboarding (account created, the owner has not come back yet), connected or disconnected. */
export const STRIPE_CONNECTION_STATUS = { onboarding: "onboarding", connected: "connected", disconnected: "disconnected" } as const;
export type StripeConnectionStatus = (typeof STRIPE_CONNECTION_STATUS)[keyof typeof STRIPE_CONNECTION_STATUS];

/** What the API shows for a tenant's Stripe account: the stored status, or not_connected when there is no row. */
export const STRIPE_ACCOUNT_STATUS = { ...STRIPE_CONNECTION_STATUS, notConnected: "not_connected" } as const;
export type StripeAccountStatus = (typeof STRIPE_ACCOUNT_STATUS)[keyof typeof STRIPE_ACCOUNT_STATUS];

/** A payout of a connected account, as Stripe reports it: pending and in_transit are on their way, paid arrived. */
export const STRIPE_PAYOUT_STATUS = { pending: "pending", inTransit: "in_transit", paid: "paid", failed: "failed", canceled: "canceled" } as const;
export type StripePayoutStatus = (typeof STRIPE_PAYOUT_STATUS)[keyof typeof STRIPE_PAYOUT_STATUS];

/** A webhook message: pending, delivered, failing (a retry is scheduled) or failed. */
export const WEBHOOK_MESSAGE_STATUS = { pending: "pending", delivered: "delivered", failing: "failing", failed: "failed" } as const;
export type WebhookMessageStatus = (typeof WEBHOOK_MESSAGE_STATUS)[keyof typeof WEBHOOK_MESSAGE_STATUS];

/** One try at delivering a message. */
export const WEBHOOK_ATTEMPT_STATE = {
  pending: "pending",
  inFlight: "in_flight",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
} as const;
export type WebhookAttemptState = (typeof WEBHOOK_ATTEMPT_STATE)[keyof typeof WEBHOOK_ATTEMPT_STATE];

/** Why an attempt exists: the retry schedule, a person's retry, or the test console. */
/** recovery: queued by POST /webhooks/recover/ after an outage; sent by the workers like a scheduled attempt. */
export const WEBHOOK_ATTEMPT_TRIGGER = { scheduled: "scheduled", manual: "manual", test: "test", recovery: "recovery" } as const;
export type WebhookAttemptTrigger = (typeof WEBHOOK_ATTEMPT_TRIGGER)[keyof typeof WEBHOOK_ATTEMPT_TRIGGER];

/** Derived from an invitation's timestamps, never stored. */
export const INVITATION_STATUS = { pending: "pending", accepted: "accepted", revoked: "revoked", expired: "expired" } as const;
export type InvitationStatus = (typeof INVITATION_STATUS)[keyof typeof INVITATION_STATUS];

/** Derived from an API key's timestamps: expiring keys still work until their grace period ends. */
export const API_KEY_STATUS = { active: "active", expiring: "expiring", expired: "expired", revoked: "revoked" } as const;
export type ApiKeyStatus = (typeof API_KEY_STATUS)[keyof typeof API_KEY_STATUS];

/** A sign-in or sign-up attempt, counted by the throttle while pending. */
export const AUTH_ATTEMPT_OUTCOME = { pending: "pending", failed: "failed", succeeded: "succeeded", throttled: "throttled" } as const;
export type AuthAttemptOutcome = (typeof AUTH_ATTEMPT_OUTCOME)[keyof typeof AUTH_ATTEMPT_OUTCOME];

/** What a mailed EmailToken proves: the account's own address (verify), or a move to a new one (change). */
export const EMAIL_TOKEN_PURPOSE = { verify: "verify", change: "change" } as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSE)[keyof typeof EMAIL_TOKEN_PURPOSE];

/** A payment, as its PaymentIntent moves: failed keeps the reason of the last declined confirmation. */
export const PAYMENT_STATUS = {
  requiresPaymentMethod: "requires_payment_method",
  processing: "processing",
  succeeded: "succeeded",
  failed: "failed",
} as const;
export type PaymentStatus = (typeof PAYMENT_STATUS)[keyof typeof PAYMENT_STATUS];

/** A refund, as Stripe reports it. */
export const REFUND_STATUS = { pending: "pending", succeeded: "succeeded", failed: "failed" } as const;
export type RefundStatus = (typeof REFUND_STATUS)[keyof typeof REFUND_STATUS];

/** A stored string read back as its registry's union; an unknown value is a bug, not input. */
export function asStatus<const R extends Record<string, string>>(registry: R, value: string): R[keyof R] {
  if (!Object.values(registry).includes(value)) throw new Error(`Unknown status "${value}"`);
  return value as R[keyof R];
}
