"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { keyOptionLabel } from "@/components/api-traffic/key-select";
import { USAGE_RANGES, type UsageView } from "@/components/api-traffic/traffic-filters";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";
import { API_KEY_STATUS } from "@/lib/statuses";

const noSubscription = () => () => {};

/** The portal's own address as the browser sees it (the server cannot know which host name the person used). */
function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "https://portal.example");
}

/** No requests in the range: how to make the first one, with the key the person will use. */
export function UsageEmpty({ view, keys, canOpenKeys, onWiden }: { view: UsageView; keys: ApiKeyView[]; canOpenKeys: boolean; onWiden: (() => void) | null }) {
  const origin = useOrigin();
  const testKey = keys.find((key) => key.mode === "test" && (key.status === API_KEY_STATUS.active || key.status === API_KEY_STATUS.expiring));
  const placeholder = testKey ? keyOptionLabel(testKey) : "sk_test_…";
  const snippet = `curl ${origin}/api/v1/account/ \\\n  -H "Authorization: Bearer ${placeholder}"`;
  const chosen = view.key ? keys.find((key) => key.id === view.key) : undefined;
  return (
    <Card>
      <div className="py-2" data-testid="usage-empty">
        <p className="font-medium text-zinc-900">
          No requests {chosen ? `with ${keyOptionLabel(chosen)} ` : ""}in {USAGE_RANGES[view.range].long}
        </p>
        <p className="mt-1 text-sm text-zinc-600">
          Usage counts every call your servers make to the platform API with a secret key; a call shows up here within a few seconds. Make one with your test key:
        </p>
        <div className="mt-3 flex items-start gap-2">
          <ScrollRegion as="pre" label="Example: call the platform API with your test key" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100">
            {snippet}
          </ScrollRegion>
          <CopyButton value={snippet} label="the example command" compact />
        </div>
        <p className="mt-3 text-sm text-zinc-600">
          {canOpenKeys ? (
            <>
              Replace <code className="font-mono">{placeholder}</code> with the whole test secret key. It is shown once, when it is issued; if you no longer have it, regenerate it on{" "}
              <Link href="/api-keys" className="font-medium text-indigo-600 hover:underline">
                API keys
              </Link>
              .
            </>
          ) : (
            <>
              Replace <code className="font-mono">{placeholder}</code> with the whole test secret key; an owner can issue one on the API keys page.
            </>
          )}
        </p>
        {onWiden ? (
          <Button className="mt-4" size="sm" variant="secondary" onClick={onWiden}>
            Show the last 30 days for all keys
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
