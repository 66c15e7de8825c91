"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LogOut, Monitor } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { LoadFailed, Loading } from "@/components/list/load-states";
import { ExactTime } from "@/components/payments/exact-time";
import { userAgentLabel } from "@/components/settings/user-agent-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import type { UserSessionView } from "@/lib/auth/user-sessions";

export const SESSIONS_QUERY = ["profile", "sessions"] as const;
const SESSIONS_PATH = "/api/v1/auth/sessions/";

/**
 * The browsers signed in to this account, this one first. Loaded in the
 * browser, so times read in the viewer's own zone.
 */
export function SessionsCard({ locale }: { locale: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const sessions = useQuery({ queryKey: SESSIONS_QUERY, queryFn: () => apiFetch<{ sessions: UserSessionView[] }>(SESSIONS_PATH) });

  const revoke = useMutation({
    mutationFn: (session: UserSessionView) => apiFetch<{ current: boolean }>(`${SESSIONS_PATH}${encodeURIComponent(session.id)}/`, { method: "DELETE" }),
    onSuccess: async ({ current }, session) => {
      // This browser's own session ended: leave through next-auth, which clears the cookie.
      if (current) return signOut({ callbackUrl: "/login" });
      toast({ title: "Signed out", description: `${userAgentLabel(session.user_agent)} is signed out.` });
      await queryClient.invalidateQueries({ queryKey: SESSIONS_QUERY });
    },
    onError: (error) => toast({ title: "Could not sign that session out", description: error.message, tone: "error" }),
  });

  const everywhere = useMutation({
    mutationFn: () => apiFetch("/api/v1/auth/logout/", { method: "POST" }),
    onSuccess: () => signOut({ callbackUrl: "/login" }),
  });

  const list = sessions.data?.sessions ?? [];
  return (
    <Card
      title="Where you are signed in"
      description="Each browser you signed in with, for up to 8 hours after it was last used. API access tokens are not listed; they end with “Sign out everywhere” too."
      actions={
        <Button type="button" variant="secondary" size="sm" onClick={() => setConfirmEverywhere(true)}>
          <LogOut aria-hidden className="size-4" />
          Sign out everywhere
        </Button>
      }
    >
      {sessions.isPending ? (
        <Loading what="sessions" />
      ) : sessions.isError ? (
        <LoadFailed title="The sessions could not be loaded" message={sessions.error.message} onRetry={() => void sessions.refetch()} />
      ) : list.length === 0 ? (
        <p className="py-6 text-center text-sm text-zinc-600">No browser sessions: you are signed in with an API access token only.</p>
      ) : (
        <ul className="divide-y divide-zinc-200" data-testid="session-list">
          {list.map((session) => (
            <li key={session.id} className="flex flex-wrap items-start gap-x-4 gap-y-3 py-3" data-testid="session-row">
              <Monitor aria-hidden className="mt-0.5 size-5 shrink-0 text-zinc-400" />
              <div className="min-w-0 flex-1 basis-60">
                <p className="flex flex-wrap items-center gap-2 font-medium text-zinc-900">
                  {userAgentLabel(session.user_agent)}
                  {session.current ? <Badge tone="green">This browser</Badge> : null}
                </p>
                <p className="truncate text-xs text-zinc-500" title={session.user_agent ?? undefined}>
                  {session.user_agent ?? "No user agent sent"}
                </p>
                <p className="mt-1 text-sm text-zinc-600">
                  IP <span className="font-mono tabular-nums">{session.ip ?? "unknown"}</span> · last seen <RelativeTime date={session.last_seen_at} />
                </p>
              </div>
              <div className="text-sm">
                <p className="text-xs font-medium text-zinc-500">Signed in</p>
                <ExactTime date={session.created_at} locale={locale} />
              </div>
              <Button
                type="button"
                size="sm"
                variant="secondary"
                pending={revoke.isPending && revoke.variables?.id === session.id}
                onClick={() => revoke.mutate(session)}
                aria-label={session.current ? "Sign out this browser" : `Sign out ${userAgentLabel(session.user_agent)}, last seen ${new Date(session.last_seen_at).toLocaleString(locale)}`}
              >
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      )}
      {confirmEverywhere ? (
        <ConfirmDialog
          title="Sign out everywhere?"
          description="Every browser signed in to your account, this one included, and every API access token stop working now. You will sign in again here."
          confirmLabel="Sign out everywhere"
          pending={everywhere.isPending}
          error={everywhere.error?.message ?? null}
          onConfirm={() => everywhere.mutate()}
          onClose={() => setConfirmEverywhere(false)}
        />
      ) : null}
    </Card>
  );
}
