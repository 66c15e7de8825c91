import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { parseTheme, themeClass, THEME_COOKIE } from "@/lib/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tenant Admin Portal", template: "%s · Tenant Admin Portal" },
  description: "Onboard onto Stripe Connect, manage API keys and webhooks, and audit what happened.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The stored theme is on <html> from the first byte: no flash, and no inline script for the CSP to allow.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
