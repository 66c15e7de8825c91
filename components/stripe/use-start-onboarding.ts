"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";

/**
 * Connect with Stripe, or continue onboarding while Stripe still needs
 * something (Account Links): the portal answers where to send the owner, and
 * the browser goes there. One flow for the Stripe page and the requirements banner.
 */
export function useStartOnboarding() {
  return useMutation({
    mutationFn: () => apiFetch<{ url: string }>("/api/v1/auth/tenants/stripe/connect/", { body: {} }),
    onSuccess: (result) => window.location.assign(result.url),
  });
}
