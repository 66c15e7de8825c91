"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Activity, Banknote, BookOpen, ChartColumn, Building, Building2, Check, ChevronsUpDown, CreditCard, Globe, KeyRound, KeySquare, LayoutDashboard, Loader2, Webhook, LogOut, Menu, ScrollText, Settings, UserRound, Users, X } from "lucide-react";
import Link, { useLinkStatus } from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { Badge, tenantStatusTone } from "@/components/ui/badge";
import { isAccountMenuPage, isPlatformPage, mayOpenPage, portalPageFor, PORTAL_PATHS, PORTAL_PAGES, whoMayOpen, type PortalPageIcon, type PortalPath } from "@/lib/auth/page-access";
import type { PlatformRole, Role } from "@/lib/auth/roles";
import type { TenantStatus } from "@/lib/statuses";
import { cn } from "@/lib/utils";
import { THEME_ICONS } from "@/components/theme/theme-switcher";
import { useTheme } from "@/components/theme/use-theme";
import { parseTheme, THEME_LABELS, THEMES } from "@/lib/theme";

const icons = {
  dashboard: LayoutDashboard,
  payments: Banknote,
  audit: ScrollText,
  keys: KeySquare,
  usage: ChartColumn,
  requests: Activity,
  webhooks: Webhook,
  stripe: CreditCard,
  team: Users,
  settings: Settings,
  profile: UserRound,
  organization: Building,
  docs: BookOpen,
  platform: Globe,
} satisfies Record<PortalPageIcon, unknown>;

type ShellUser = { name: string; email: string; role: Role; platformRole: PlatformRole | null; tenantName: string; tenantStatus: TenantStatus };

const TENANT_PATHS = PORTAL_PATHS.filter((path) => !isPlatformPage(path) && !isAccountMenuPage(path));
const ACCOUNT_PATHS = PORTAL_PATHS.filter(isAccountMenuPage);
const PLATFORM_PATHS = PORTAL_PATHS.filter(isPlatformPage);
export type ShellTenant = { id: string; name: string; role: string; active: boolean };

const menuItemClass =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-700 outline-none data-highlighted:bg-zinc-100 data-disabled:cursor-default";

// next-auth's browser client is needed only to sign out: loaded then, not with every page.
async function signOutToLogin() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/login" });
}

/**
 * Beside a section's link while its page is on the way: the portal keeps the
 * current page on screen until the next one is ready (no full-page skeleton),
 * so the click needs a sign of its own on a slow answer.
 */
function NavPending() {
  const { pending } = useLinkStatus();
  return pending ? <Loader2 aria-hidden className="ml-auto size-3.5 animate-spin text-zinc-400" /> : null;
}

export function Sidebar({ user, tenants }: { user: ShellUser; tenants: ShellTenant[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // The most specific entry only: /settings/profile is Profile, not Settings as well.
  const isCurrent = (href: PortalPath) => portalPageFor(pathname) === href;

  const menuButton = useRef<HTMLButtonElement>(null);

  // The open phone drawer behaves like a dialog: focus moves into it, the page
  // behind is inert (Tab cannot leave the drawer and its menu button), and
  // Escape closes it with focus back on the menu button.
  useEffect(() => {
    // Desktop shows the sidebar beside the page: nothing to trap there.
    if (!open || window.matchMedia("(min-width: 1024px)").matches) return;
    const main = document.getElementById("portal-main");
    main?.setAttribute("inert", "");
    // The drawer turns visible as its slide starts, and a hidden element cannot take focus: try each frame until it does.
    let frame = 0;
    const focusFirst = (tries: number) => {
      const first = document.querySelector<HTMLElement>("#portal-sidebar a, #portal-sidebar button");
      first?.focus();
      if (document.activeElement !== first && tries > 0) frame = requestAnimationFrame(() => focusFirst(tries - 1));
    };
    frame = requestAnimationFrame(() => focusFirst(30));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      menuButton.current?.focus();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => {
      cancelAnimationFrame(frame);
      main?.removeAttribute("inert");
      window.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);
  const [theme, chooseTheme] = useTheme();
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();

  async function switchTo(tenant: ShellTenant) {
    try {
      await apiFetch("/api/v1/auth/tenants/switch/", { body: { tenant_id: tenant.id } });
      // Nothing cached for the previous tenant may survive into the next page.
      queryClient.clear();
      router.replace("/dashboard");
      router.refresh();
    } catch (error) {
      toast({ title: `Could not switch to ${tenant.name}`, description: error instanceof Error ? error.message : undefined, tone: "error" });
    }
  }

  return (
    <>
      <div className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-zinc-200 bg-white px-4 lg:hidden">
        <span className="font-semibold">{user.tenantName}</span>
        <button
          ref={menuButton}
          type="button"
          onClick={() => setOpen((value) => !value)}
          className="rounded-md p-2 text-zinc-700 hover:bg-zinc-100"
          aria-label={open ? "Close navigation" : "Open navigation"}
          aria-expanded={open}
          aria-controls="portal-sidebar"
        >
          {open ? <X aria-hidden className="size-5" /> : <Menu aria-hidden className="size-5" />}
        </button>
      </div>
      <aside
        id="portal-sidebar"
        className={cn(
          // Phones: an off-canvas drawer. Desktop: a sticky column beside the content.
          "fixed inset-y-0 left-0 z-40 flex w-64 shrink-0 flex-col border-r border-zinc-200 bg-white transition-[translate,visibility] lg:sticky lg:top-0 lg:h-screen lg:translate-x-0",
          // A closed drawer is invisible too, so Tab does not walk through links nobody can see.
          open ? "translate-x-0 shadow-xl" : "-translate-x-full max-lg:invisible",
        )}
      >
        <div className="flex items-center gap-2 px-5 pt-5 pb-4">
          <span className="flex size-7 items-center justify-center rounded-md bg-indigo-600 text-white">
            <KeyRound aria-hidden className="size-4" />
          </span>
          <span className="text-sm font-semibold text-zinc-900">Tenant Admin Portal</span>
        </div>
        <div className="mx-3 mb-3 rounded-md border border-zinc-200 px-3 py-2">
          <p className="truncate text-sm font-medium text-zinc-900" data-testid="tenant-name">
            {user.tenantName}
          </p>
          <Badge tone={tenantStatusTone(user.tenantStatus)} className="mt-1">
            {user.tenantStatus}
          </Badge>
        </div>
        <nav aria-label="Portal" className="flex-1 space-y-0.5 px-3">
          {TENANT_PATHS.map((href) => {
            const item = PORTAL_PAGES[href];
            const Icon = icons[item.icon];
            const allowed = mayOpenPage(user, href);
            const active = allowed && isCurrent(href);
            const classes = cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm",
              active ? "bg-zinc-100 font-medium text-zinc-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900",
              !allowed && "cursor-not-allowed text-zinc-400 hover:bg-transparent hover:text-zinc-400",
            );
            return allowed ? (
              <Link key={href} href={href} className={classes} aria-current={active ? "page" : undefined} onClick={() => setOpen(false)}>
                <Icon aria-hidden className="size-4" />
                {item.label}
                <NavPending />
              </Link>
            ) : (
              <span key={href} className={classes} aria-disabled="true" title={`Only ${whoMayOpen(href)} can open this.`}>
                <Icon aria-hidden className="size-4" />
                {item.label}
              </span>
            );
          })}
          {/* The console is not a feature of the tenant that others could be given, so it is left out rather than shown disabled. */}
          {PLATFORM_PATHS.some((href) => mayOpenPage(user, href)) ? (
            <div className="mt-4 border-t border-zinc-200 pt-4" data-testid="platform-nav">
              {PLATFORM_PATHS.map((href) => {
                const item = PORTAL_PAGES[href];
                const Icon = icons[item.icon];
                const active = isCurrent(href);
                return (
                  <Link
                    key={href}
                    href={href}
                    className={cn(
                      "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm",
                      active ? "bg-indigo-50 font-medium text-indigo-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900",
                    )}
                    aria-current={active ? "page" : undefined}
                    onClick={() => setOpen(false)}
                  >
                    <Icon aria-hidden className="size-4 text-indigo-600" />
                    <span className="flex-1">{item.label}</span>
                    <Badge tone="accent">Operator</Badge>
                  </Link>
                );
              })}
            </div>
          ) : null}
        </nav>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button
              type="button"
              className="m-3 flex items-center gap-3 rounded-md border border-zinc-200 px-3 py-2 text-left hover:bg-zinc-50"
              aria-label={`Account menu for ${user.name}`}
            >
              <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-sm font-medium text-zinc-700">
                {user.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium text-zinc-900">{user.name}</span>
                <span className="block truncate text-xs text-zinc-500" data-testid="user-role">
                  {user.role}
                </span>
              </span>
              <ChevronsUpDown aria-hidden className="size-4 text-zinc-400" />
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content side="top" align="start" sideOffset={4} className="z-50 w-56 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
              <div className="px-2 py-1.5 text-xs text-zinc-500">
                <p className="truncate">{user.email}</p>
                <p>
                  Role: <span className="font-medium text-zinc-700">{user.role}</span>
                </p>
              </div>
              <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
              {tenants.length > 1 ? (
                <>
                  <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-zinc-500">Switch tenant</DropdownMenu.Label>
                  {tenants.map((tenant) => (
                    <DropdownMenu.Item
                      key={tenant.id}
                      disabled={tenant.active}
                      onSelect={() => void switchTo(tenant)}
                      className={menuItemClass}
                      aria-label={tenant.active ? `${tenant.name} (current tenant, ${tenant.role})` : `Switch to ${tenant.name} (${tenant.role})`}
                    >
                      <Building2 aria-hidden className="size-4 shrink-0 text-zinc-400" />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate">{tenant.name}</span>
                        <span className="block text-xs text-zinc-500">{tenant.role}</span>
                      </span>
                      {tenant.active ? <Check aria-hidden className="size-4 text-indigo-600" /> : null}
                    </DropdownMenu.Item>
                  ))}
                  <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
                </>
              ) : null}
              {ACCOUNT_PATHS.map((href) => {
                const item = PORTAL_PAGES[href];
                const Icon = icons[item.icon];
                // Shown to everyone, disabled with who may open it, so people know where the settings live.
                return mayOpenPage(user, href) ? (
                  <DropdownMenu.Item key={href} asChild className={menuItemClass}>
                    <Link href={href} onClick={() => setOpen(false)}>
                      <Icon aria-hidden className="size-4" />
                      {item.label}
                    </Link>
                  </DropdownMenu.Item>
                ) : (
                  <DropdownMenu.Item key={href} disabled className={cn(menuItemClass, "text-zinc-400")}>
                    <Icon aria-hidden className="size-4" />
                    <span className="min-w-0 flex-1">
                      <span className="block">{item.label}</span>
                      <span className="block text-xs">Only {whoMayOpen(href)}</span>
                    </span>
                  </DropdownMenu.Item>
                );
              })}
              <DropdownMenu.Item asChild className={menuItemClass}>
                <Link href="/docs/api" onClick={() => setOpen(false)}>
                  <BookOpen aria-hidden className="size-4" />
                  API documentation
                </Link>
              </DropdownMenu.Item>
              <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
              <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-zinc-500">Theme</DropdownMenu.Label>
              <DropdownMenu.RadioGroup value={theme} onValueChange={(value) => chooseTheme(parseTheme(value))}>
                {THEMES.map((option) => {
                  const Icon = THEME_ICONS[option];
                  return (
                    // The menu stays open, so the page is seen changing under it.
                    <DropdownMenu.RadioItem key={option} value={option} onSelect={(event) => event.preventDefault()} className={menuItemClass}>
                      <Icon aria-hidden className="size-4" />
                      <span className="flex-1">{THEME_LABELS[option]}</span>
                      <DropdownMenu.ItemIndicator>
                        <Check aria-hidden className="size-4 text-indigo-600" />
                      </DropdownMenu.ItemIndicator>
                    </DropdownMenu.RadioItem>
                  );
                })}
              </DropdownMenu.RadioGroup>
              <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
              <DropdownMenu.Item onSelect={() => void signOutToLogin()} className={menuItemClass}>
                <LogOut aria-hidden className="size-4" />
                Sign out
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </aside>
      {open ? <div className="fixed inset-0 z-30 bg-zinc-900/20 lg:hidden" aria-hidden onClick={() => setOpen(false)} /> : null}
    </>
  );
}
