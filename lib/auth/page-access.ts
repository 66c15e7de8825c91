// Who may open each portal page, stated once: proxy.ts sends visitors without
// a session to sign-in for these paths, every page renders through
// portalPage() which refuses a role below minRole (or anyone but an operator
// on a platform page), and the sidebar lists them in this order. No server
// imports: the sidebar is a client component.
import { hasRole, PLATFORM_ROLES, type PlatformRole, type Role } from "@/lib/auth/roles";

export type PortalPageIcon = "dashboard" | "payments" | "audit" | "keys" | "usage" | "requests" | "webhooks" | "stripe" | "team" | "settings" | "profile" | "organization" | "docs" | "platform";

export type PortalPageInfo = {
  /** Sidebar entry, page title and h1. */
  label: string;
  /** The line under the h1; also shown to someone refused, so they know what the page is for. */
  description: string;
  icon: PortalPageIcon;
  minRole: Role;
  /**
   * A page of the platform console: only the platform's operators open it,
   * whatever their role in the tenant they signed in to (minRole plays no
   * part), and the sidebar shows it to nobody else.
   */
  platformOnly?: true;
  /** Listed in the account menu (the person and the organization's settings) rather than the navigation. */
  accountMenu?: true;
  /** How the refusal names the page: "You do not have access to {subject}". */
  subject: string;
};

/** Who is looking: the role in the signed-in tenant, and the role above all tenants. */
export type PageViewer = { role: Role; platformRole: PlatformRole | null };

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
  "/usage": {
    label: "Usage",
    description: "How much your secret keys call the platform API: requests over time by outcome, latency, rate limiting and the busiest routes.",
    icon: "usage",
    minRole: "admin",
    subject: "API usage",
  },
  "/requests": {
    label: "Requests",
    description: "Every platform API request made with your secret keys in the last 7 days: find one by its request id, status, key or route.",
    icon: "requests",
    minRole: "admin",
    subject: "the request log",
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
  "/settings/profile": {
    label: "Profile",
    description: "Your name, email address and password, and the browsers you are signed in on.",
    icon: "profile",
    minRole: "member",
    accountMenu: true,
    subject: "your profile",
  },
  // Owners change it; admins see it read-only (and keep the currencies they may set through the API).
  "/settings/organization": {
    label: "Organization",
    description: "The organization's name and identifiers, the sign-in rules for everyone in it, the currencies it accepts, and the platform fee on its payments.",
    icon: "organization",
    minRole: "admin",
    accountMenu: true,
    subject: "the organization's settings",
  },
  "/docs/api": {
    label: "API reference",
    description: "Every endpoint of the API, generated from the schemas the server itself checks requests against.",
    icon: "docs",
    minRole: "member",
    subject: "the API reference",
  },
  "/platform": {
    label: "Platform",
    description: "Every tenant of the platform: its status, Stripe account, currencies, fees and recent volume.",
    icon: "platform",
    minRole: "member",
    platformOnly: true,
    subject: "the platform console",
  },
} as const satisfies Record<`/${string}`, PortalPageInfo>;

export type PortalPath = keyof typeof PORTAL_PAGES;

export const PORTAL_PATHS = Object.keys(PORTAL_PAGES) as PortalPath[];

/** Where a member is sent while their tenant requires two-factor and they have none: every other page redirects here. */
export const TWO_FACTOR_ENROLMENT_PAGE = "/settings/profile" satisfies PortalPath;

/** The portal page a URL path belongs to (the page itself or anything below it, the most specific entry first), or null. */
export function portalPageFor(pathname: string): PortalPath | null {
  let found: PortalPath | null = null;
  for (const path of PORTAL_PATHS) {
    if ((pathname === path || pathname.startsWith(`${path}/`)) && (found === null || path.length > found.length)) found = path;
  }
  return found;
}

/** Whether a page is reached from the account menu rather than the navigation. */
export function isAccountMenuPage(path: PortalPath): boolean {
  return (PORTAL_PAGES[path] as PortalPageInfo).accountMenu === true;
}

/** Whether a page belongs to the platform console rather than to a tenant. */
export function isPlatformPage(path: PortalPath): boolean {
  return (PORTAL_PAGES[path] as PortalPageInfo).platformOnly === true;
}

export function mayOpenPage(viewer: PageViewer, path: PortalPath): boolean {
  if (isPlatformPage(path)) return viewer.platformRole === PLATFORM_ROLES.operator;
  return hasRole(viewer.role, PORTAL_PAGES[path].minRole);
}

const ROLES_IN_WORDS: Record<Role, string> = { owner: "owners", admin: "admins and owners", member: "all members" };

/** Who may open a page, in words: "admins and owners", "platform operators". */
export function whoMayOpen(path: PortalPath): string {
  return isPlatformPage(path) ? "platform operators" : ROLES_IN_WORDS[PORTAL_PAGES[path].minRole];
}

/** The refusal's second sentence: how someone refused gets in, if they should. */
export function howToGetAccess(path: PortalPath, tenantName: string): string {
  // No tenant role leads there, so sending people to the tenant's owner would send them nowhere.
  if (isPlatformPage(path)) return "No tenant role opens it, owner included: the people who run the platform grant it.";
  return `Ask an owner of ${tenantName} to change your role.`;
}
