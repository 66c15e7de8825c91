"use client";

import { useMutation } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { STANDARD_DASHBOARD_URL } from "@/lib/stripe/standard-dashboard";

const LOGIN_LINK = "/api/v1/auth/tenants/stripe/login-link/";

/**
 * A tab opened synchronously in the click, so no popup blocker stops it, and
 * pointed at the login link once the portal has it. It is cut off from this
 * page (no opener): the dashboard is another site's page.
 */
function openPlaceholderTab(): Window | null {
  const tab = window.open("", "_blank");
  if (!tab) return null;
  tab.opener = null;
  tab.document.title = "Opening the Stripe dashboard…";
  tab.document.body.textContent = "Opening the Stripe dashboard…";
  return tab;
}

/**
 * "Open Stripe dashboard": an Express account (Account Links) gets a fresh
 * single-use login link in a new tab; an account connected through OAuth (a
 * Standard account) has no such link, so it is a plain link to Stripe's
 * dashboard, where its people sign in with their own Stripe login.
 */
export function OpenStripeDashboard({ mode }: { mode: string | null }) {
  const toast = useToast();
  // Shown when the browser refused even the synchronous tab: a link the person can follow themselves.
  const [blockedUrl, setBlockedUrl] = useState<string | null>(null);
  const open = useMutation({ mutationFn: () => apiFetch<{ url: string }>(LOGIN_LINK, { method: "POST" }) });

  if (mode === "oauth") {
    return (
      <div className="flex flex-col items-start gap-1 sm:items-end">
        <Button asChild size="sm" variant="secondary">
          <a href={STANDARD_DASHBOARD_URL} target="_blank" rel="noopener noreferrer">
            <ExternalLink aria-hidden className="size-4" />
            Open Stripe dashboard
          </a>
        </Button>
        <p className="max-w-xs text-xs text-zinc-500 sm:text-right" data-testid="standard-dashboard-note">
          Connected through OAuth: sign in on Stripe with the account&apos;s own Stripe login.
        </p>
      </div>
    );
  }

  const onClick = () => {
    setBlockedUrl(null);
    const tab = openPlaceholderTab();
    open.mutate(undefined, {
      onSuccess: ({ url }) => {
        if (tab && !tab.closed) {
          tab.location.href = url;
          toast({ title: "Stripe dashboard opened in a new tab", description: "The link works once; open it from here again next time." });
        } else {
          setBlockedUrl(url);
        }
      },
      onError: () => tab?.close(),
    });
  };

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <Button size="sm" variant="secondary" onClick={onClick} pending={open.isPending}>
        <ExternalLink aria-hidden className="size-4" />
        Open Stripe dashboard
      </Button>
      {blockedUrl ? (
        <p className="text-xs text-zinc-600">
          Your browser blocked the new tab.{" "}
          <a href={blockedUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-600 hover:underline">
            Open the dashboard
          </a>{" "}
          (the link works once).
        </p>
      ) : null}
      {open.error ? (
        <p className="max-w-xs text-xs text-red-600 sm:text-right" role="alert">
          {open.error.message}
        </p>
      ) : null}
    </div>
  );
}
