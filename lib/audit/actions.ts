// Every action the audit log may hold, with how people see it. recordAudit only
// accepts a name from here, so a new action is registered before it can be
// written. No server imports: the audit table and the filter render from this
// module in the browser too.

/** How much an entry matters: the audit table marks warning and critical ones. */
export const AUDIT_SEVERITY = { info: "info", warning: "warning", critical: "critical" } as const;
export type AuditSeverity = (typeof AUDIT_SEVERITY)[keyof typeof AUDIT_SEVERITY];

/** Categories in the order the audit-log filter lists them. */
export const AUDIT_CATEGORIES = {
  auth: "Sign-in and sign-up",
  account: "Accounts and sessions",
  api_keys: "API keys",
  webhooks: "Webhooks",
  stripe: "Stripe",
  members: "Team members",
  invitations: "Invitations",
  fees: "Fees",
  settings: "Settings",
  payments: "Payments",
  tenant: "Tenant status",
  platform: "Platform operators",
} as const;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

/** Categories written to the platform's own log (no tenant), which no tenant's filter should offer. */
const PLATFORM_CATEGORIES: ReadonlySet<AuditCategory> = new Set(["platform"]);

/** The categories a tenant's log may hold, in filter order: what its `category` filter accepts. */
export const TENANT_AUDIT_CATEGORIES = (Object.keys(AUDIT_CATEGORIES) as AuditCategory[]).filter((category) => !PLATFORM_CATEGORIES.has(category)) as [
  AuditCategory,
  ...AuditCategory[],
];

export type AuditActionInfo = {
  label: string;
  category: AuditCategory;
  /** What recordAudit stores unless the call site says otherwise for this one event. */
  severity: AuditSeverity;
};

export const AUDIT_ACTIONS = {
  "auth.signed_up": { label: "Signed up", category: "auth", severity: "info" },
  "auth.signed_in": { label: "Signed in", category: "auth", severity: "info" },
  "auth.signed_out": { label: "Signed out", category: "auth", severity: "info" },
  "auth.login_failed": { label: "Failed sign-in", category: "auth", severity: "warning" },
  "auth.login_throttled": { label: "Sign-in throttled", category: "auth", severity: "warning" },
  "auth.tenant_switched": { label: "Switched to this tenant", category: "auth", severity: "info" },
  "auth.password_reset_requested": { label: "Password reset requested", category: "auth", severity: "info" },
  "auth.password_reset_completed": { label: "Password reset", category: "auth", severity: "warning" },
  "auth.two_factor_enabled": { label: "Two-factor sign-in turned on", category: "auth", severity: "info" },
  "auth.two_factor_disabled": { label: "Two-factor sign-in turned off", category: "auth", severity: "warning" },
  // A sign-in that used one of the printed codes instead of the authenticator: the phone may be lost.
  "auth.two_factor_recovery_code_used": { label: "Recovery code used", category: "auth", severity: "warning" },
  "auth.two_factor_recovery_codes_regenerated": { label: "Recovery codes regenerated", category: "auth", severity: "info" },
  // A wrong authentication code, recovery code, or password where two-factor asked for one (metadata.purpose says where).
  "auth.two_factor_failed": { label: "Wrong two-factor code", category: "auth", severity: "warning" },
  // A person's own account: who they are, how they sign in, where they are signed in.
  "account.name_changed": { label: "Name changed", category: "account", severity: "info" },
  "account.email_verification_sent": { label: "Email confirmation link sent", category: "account", severity: "info" },
  "account.email_verified": { label: "Email address confirmed", category: "account", severity: "info" },
  "account.email_change_requested": { label: "Email change requested", category: "account", severity: "info" },
  // The address that receives password reset links moved: the old address was told.
  "account.email_changed": { label: "Email address changed", category: "account", severity: "warning" },
  "account.password_changed": { label: "Password changed", category: "account", severity: "warning" },
  "account.session_revoked": { label: "Session signed out", category: "account", severity: "info" },
  "api_keys.regenerated": { label: "API keys regenerated", category: "api_keys", severity: "warning" },
  "api_keys.revoked": { label: "API keys revoked", category: "api_keys", severity: "critical" },
  // Warning when an existing secret is replaced: receivers stop verifying until they update.
  "webhooks.endpoint_configured": { label: "Webhook endpoint set", category: "webhooks", severity: "info" },
  "webhooks.endpoint_removed": { label: "Webhook endpoint removed", category: "webhooks", severity: "warning" },
  "webhooks.endpoint_disabled": { label: "Webhook endpoint disabled", category: "webhooks", severity: "warning" },
  "webhooks.secret_revealed": { label: "Webhook secret revealed", category: "webhooks", severity: "warning" },
  "webhooks.test_sent": { label: "Webhook test event sent", category: "webhooks", severity: "info" },
  "webhooks.delivery_retried": { label: "Webhook delivery retried", category: "webhooks", severity: "info" },
  // A new secret; during the grace period deliveries carry both signatures, so receivers switch at their own pace.
  "webhooks.secret_rotated": { label: "Webhook secret rotated", category: "webhooks", severity: "warning" },
  // The replaced secret was deleted: its grace period ended (system) or someone chose "Expire now".
  "webhooks.previous_secret_expired": { label: "Previous webhook secret expired", category: "webhooks", severity: "info" },
  // "Send again" of the verification ping; the ping on save is recorded in webhooks.endpoint_configured.
  "webhooks.endpoint_verified": { label: "Webhook endpoint verified", category: "webhooks", severity: "info" },
  // Failed messages of a window queued again after an outage.
  "webhooks.messages_recovered": { label: "Failed webhook messages recovered", category: "webhooks", severity: "warning" },
  "stripe.connect_started": { label: "Stripe onboarding started", category: "stripe", severity: "info" },
  "stripe.account_connected": { label: "Stripe account connected", category: "stripe", severity: "info" },
  "stripe.connect_failed": { label: "Stripe onboarding failed", category: "stripe", severity: "warning" },
  "stripe.account_disconnected": { label: "Stripe disconnected", category: "stripe", severity: "warning" },
  "stripe.access_lost": { label: "Stripe access lost", category: "stripe", severity: "warning" },
  // A single-use login link to the connected account's Express dashboard was created for someone.
  "stripe.dashboard_opened": { label: "Stripe Express dashboard opened", category: "stripe", severity: "info" },
  // Warning when owner rights move: the call site decides per change.
  "members.role_changed": { label: "Role changed", category: "members", severity: "info" },
  "members.removed": { label: "Member removed", category: "members", severity: "warning" },
  // Warning when the invitation is for an owner.
  "invitations.created": { label: "Invitation created", category: "invitations", severity: "info" },
  "invitations.revoked": { label: "Invitation revoked", category: "invitations", severity: "info" },
  "invitations.accepted": { label: "Invitation accepted", category: "invitations", severity: "info" },
  // An operator changed the tenant's fees: no member acted, so the tenant's own log says who did.
  "fees.schedule_changed": { label: "The platform changed your fee schedule", category: "fees", severity: "warning" },
  "settings.currencies_changed": { label: "Currencies changed", category: "settings", severity: "info" },
  // An owner made two-factor sign-in required of every member, or no longer.
  "settings.two_factor_requirement_changed": { label: "Two-factor requirement changed", category: "settings", severity: "warning" },
  // Everyone in the tenant, and the platform's operators, see the new name at once.
  "settings.tenant_renamed": { label: "Organization renamed", category: "settings", severity: "info" },
  // The dashboard's "Get started" checklist was hidden for the whole tenant.
  "settings.getting_started_dismissed": { label: "Get started checklist dismissed", category: "settings", severity: "info" },
  // Money goes back to a customer from the portal (the platform API's refunds are the tenant's server's, seen in its events).
  "payments.refunded": { label: "Payment refunded", category: "payments", severity: "warning" },
  // An operator suspended or reactivated the tenant; the same change is in the platform's log.
  "tenant.suspended": { label: "The platform suspended this tenant", category: "tenant", severity: "critical" },
  "tenant.reactivated": { label: "The platform reactivated this tenant", category: "tenant", severity: "warning" },
  // Platform-wide power changing hands; written with no tenant (tenantId null).
  "platform.operator_granted": { label: "Platform operator granted", category: "platform", severity: "warning" },
  "platform.operator_revoked": { label: "Platform operator revoked", category: "platform", severity: "warning" },
  // What the platform earns changes: the platform default, or one tenant's schedule (also in that tenant's log).
  "platform.default_fees_changed": { label: "Default fee schedule changed", category: "platform", severity: "warning" },
  "platform.tenant_fees_changed": { label: "Tenant fee schedule changed", category: "platform", severity: "warning" },
  // How many platform API requests per second the tenant's keys may make (null: the platform default).
  "platform.tenant_rate_limits_changed": { label: "Tenant API rate limits changed", category: "platform", severity: "warning" },
  // A suspended tenant's keys are refused and its webhook deliveries wait (also in that tenant's log).
  "platform.tenant_suspended": { label: "Tenant suspended", category: "platform", severity: "critical" },
  "platform.tenant_reactivated": { label: "Tenant reactivated", category: "platform", severity: "warning" },
} as const satisfies Record<string, AuditActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, name);
}

/** The registered label; a name the registry no longer knows (an old row) shows as itself. */
export function auditActionLabel(name: string): string {
  return isAuditAction(name) ? AUDIT_ACTIONS[name].label : name;
}

export function defaultAuditSeverity(action: AuditAction): AuditSeverity {
  return AUDIT_ACTIONS[action].severity;
}

/** The registered actions of one log, grouped by category in AUDIT_CATEGORIES order: what its filter offers. */
export function auditActionsByCategory(
  log: "tenant" | "platform" = "tenant",
): { category: AuditCategory; label: string; actions: { name: AuditAction; label: string }[] }[] {
  return (Object.keys(AUDIT_CATEGORIES) as AuditCategory[])
    .filter((category) => PLATFORM_CATEGORIES.has(category) === (log === "platform"))
    .map((category) => ({
      category,
      label: AUDIT_CATEGORIES[category],
      actions: AUDIT_ACTION_NAMES.filter((name) => AUDIT_ACTIONS[name].category === category).map((name) => ({ name, label: AUDIT_ACTIONS[name].label })),
    }))
    .filter((group) => group.actions.length > 0);
}

/** The registered actions of one category. */
export function auditActionsInCategory(category: AuditCategory): AuditAction[] {
  return AUDIT_ACTION_NAMES.filter((name) => AUDIT_ACTIONS[name].category === category);
}

/** The registered actions whose label or name holds the text, ignoring case: free text finds "Signed in" as well as auth.signed_in. */
export function auditActionsMatching(text: string): AuditAction[] {
  const needle = text.toLowerCase();
  return AUDIT_ACTION_NAMES.filter((name) => name.includes(needle) || AUDIT_ACTIONS[name].label.toLowerCase().includes(needle));
}
