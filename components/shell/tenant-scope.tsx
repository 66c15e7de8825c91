"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { setPageTenant } from "@/lib/client/api";

export const newQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

/**
 * Everything the portal caches in the browser belongs to one tenant: the
 * layout keys this by user and tenant, so a switch (or a different sign-in)
 * starts from an empty cache, and API calls name the tenant the page shows.
 */
export function TenantScope({ tenantId, children }: { tenantId: string; children: ReactNode }) {
  const [client] = useState(newQueryClient);
  // During render, not in an effect: child queries fetch in their own effects, which run first.
  setPageTenant(tenantId);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
