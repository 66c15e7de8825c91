// Who may open each portal page, stated once: proxy.ts sends visitors without
// a session to sign-in for these paths, every page renders through
// portalPage() which refuses a role below minRole, and the sidebar lists them
// in this order. No server imports: the sidebar is a client component.
import { hasRole, type Role } from "@/lib/auth/roles";

export type PortalPageIcon = "dashboard" | "payments" | "audit" | "keys" | "webhooks" | "stripe" | "team" | "settings";

export type PortalPageInfo = {
  /** Sidebar entry, page title and h1. */
  label: string;
  /** The line under the h1; also shown to someone refused, so they know what the page is for. */
  description: string;
  icon: PortalPageIcon;
  minRole: Role;
  /** How the refusal names the page: "You do not have access to {subject}". */
  subject: string;
};

export const PORTAL_PAGES = {
  "/dashboard": {
    label: "Dashboard",
    description: "An overview of the tenant: its status, its people and what happened lately.",
    icon: "dashboard",
    minRole: "member",
    subject: "the dashboard",
  },
  "/payments": {
    label: "Payments",
    description: "Every payment your servers created through the platform: amounts, the platform fee and net, refunds and the events they sent.",
    icon: "payments",
    minRole: "member",
    subject: "payments",
  },
  "/stripe": {
    label: "Stripe",
    description: "Connect a Stripe account so this tenant can accept payments, and keep an eye on what Stripe still needs.",
    icon: "stripe",
    minRole: "admin",
    subject: "the Stripe connection",
  },
  "/api-keys": {
    label: "API keys",
    description: "Keys your servers use to call the platform API. Secret keys are shown once, when they are created.",
    icon: "keys",
    minRole: "admin",
    subject: "API keys",
  },
  "/webhooks": {
    label: "Webhooks",
    description: "Where we send your events, signed with Standard Webhooks, and what happened to each delivery.",
    icon: "webhooks",
    minRole: "admin",
    subject: "webhooks",
  },
  "/team": {
    label: "Team",
    description: "The people who can sign in to this tenant, and what each of them may do.",
    icon: "team",
    minRole: "member",
    subject: "the team",
  },
  "/audit-log": {
    label: "Audit log",
    description: "Every sign-up, sign-in and sensitive change in this tenant, newest first.",
    icon: "audit",
    minRole: "admin",
    subject: "the audit log",
  },
  "/settings": {
    label: "Settings",
    description: "The currencies this tenant accepts, and the platform fee that applies to its payments.",
    icon: "settings",
    minRole: "member",
    subject: "the settings",
  },
} as const satisfies Record<`/${string}`, PortalPageInfo>;

export type PortalPath = keyof typeof PORTAL_PAGES;

export const PORTAL_PATHS = Object.keys(PORTAL_PAGES) as PortalPath[];

/** The portal page a URL path belongs to (the page itself or anything below it), or null. */
export function portalPageFor(pathname: string): PortalPath | null {
  return PORTAL_PATHS.find((path) => pathname === path || pathname.startsWith(`${path}/`)) ?? null;
}

export function mayOpenPage(role: Role, path: PortalPath): boolean {
  return hasRole(role, PORTAL_PAGES[path].minRole);
}

const ROLES_IN_WORDS: Record<Role, string> = { owner: "owners", admin: "admins and owners", member: "all members" };

/** The roles that may open a page, in words: "admins and owners". */
export function whoMayOpen(path: PortalPath): string {
  return ROLES_IN_WORDS[PORTAL_PAGES[path].minRole];
}
