import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { BrandFrame } from "@/components/shell/brand-frame";
import { optionalPageCaller } from "@/lib/auth/current-caller";

export const metadata: Metadata = { title: "Page not found" };

// Rendered per request (reading the session does that), so Next's scripts carry the CSP nonce of
// proxy.ts: a 404 prerendered at build time would hold scripts the policy blocks.
export default async function NotFound() {
  const signedIn = (await optionalPageCaller()) !== null;
  return (
    <BrandFrame>
      <div className="space-y-4" data-testid="not-found">
        <div>
          <p className="font-mono text-sm text-zinc-500">404</p>
          <h1 className="text-xl font-semibold">Page not found</h1>
          <p className="mt-1 text-sm text-zinc-600">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild>
            <Link href={signedIn ? "/dashboard" : "/login"}>{signedIn ? "Go to the dashboard" : "Sign in"}</Link>
          </Button>
          <Button asChild variant="secondary">
            {signedIn ? <Link href="/docs/api">API reference</Link> : <Link href="/signup">Create an account</Link>}
          </Button>
        </div>
      </div>
    </BrandFrame>
  );
}
