import type { Role } from "@/lib/auth/roles";

export type NavItem = { href: string; label: string; icon: "dashboard" | "audit" | "keys" | "webhooks" | "stripe" | "team"; minRole: Role };

// The sections that exist; each feature adds its own entry.
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: "dashboard", minRole: "member" },
  { href: "/stripe", label: "Stripe", icon: "stripe", minRole: "admin" },
  { href: "/api-keys", label: "API keys", icon: "keys", minRole: "admin" },
  { href: "/webhooks", label: "Webhooks", icon: "webhooks", minRole: "admin" },
  { href: "/team", label: "Team", icon: "team", minRole: "member" },
  { href: "/audit-log", label: "Audit log", icon: "audit", minRole: "admin" },
];
