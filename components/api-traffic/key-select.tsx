"use client";

import { useQuery } from "@tanstack/react-query";
import { API_KEYS_QUERY, fetchApiKeys } from "@/components/api-keys/queries";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import { API_KEY_STATUS } from "@/lib/statuses";
import { keyLabel } from "./traffic-filters";

export const controlClass =
  "h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none";

/** The tenant's secret keys (the only ones that call the platform API), working keys first; ended ones still have traffic to look at. */
export function useSecretKeys(initial?: { data: ApiKeyView[] }) {
  const query = useQuery({ queryKey: API_KEYS_QUERY, queryFn: fetchApiKeys, initialData: initial });
  const secret = (query.data?.data ?? []).filter((key) => key.type === "secret");
  const working = (key: ApiKeyView) => key.status === API_KEY_STATUS.active || key.status === API_KEY_STATUS.expiring;
  return [...secret.filter(working), ...secret.filter((key) => !working(key))];
}

export function keyOptionLabel(key: ApiKeyView): string {
  const ended = key.status === API_KEY_STATUS.revoked || key.status === API_KEY_STATUS.expired;
  return `${keyLabel({ prefix: key.key.replace(/\*+\.\.\..*$/, ""), last4: key.last4 })}${ended ? ` (${key.status})` : ""}`;
}

export function KeySelect({ id, keys, value, onChange }: { id: string; keys: ApiKeyView[]; value: string | undefined; onChange: (key: string | undefined) => void }) {
  const known = !value || keys.some((key) => key.id === value);
  return (
    <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)} className={controlClass}>
      <option value="">All secret keys</option>
      {keys.map((key) => (
        <option key={key.id} value={key.id}>
          {keyOptionLabel(key)}
        </option>
      ))}
      {/* A link may name a key that has since been deleted with its tenant's history; keep it selectable so the filter shows. */}
      {known ? null : <option value={value}>Key {value}</option>}
    </select>
  );
}
