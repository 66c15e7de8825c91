"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * Shows its children on every page but /stripe, which lists what Stripe
 * needs in detail with its own Continue onboarding. Decided in the browser:
 * the shared layout is not rendered again when the person navigates.
 */
export function OutsideStripePage({ children }: { children: ReactNode }) {
  return usePathname() === "/stripe" ? null : children;
}
