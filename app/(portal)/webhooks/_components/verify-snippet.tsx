"use client";

import * as Tabs from "@radix-ui/react-tabs";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { VERIFY_SNIPPETS } from "@/components/webhooks/verify-snippets";

export function VerifySnippet() {
  return (
    <Card title="Verify our signatures" description="Deliveries follow Standard Webhooks: verify each one with its library for your language.">
      <Tabs.Root defaultValue="node">
        <Tabs.List aria-label="Language" className="mb-3 flex flex-wrap gap-1 border-b border-zinc-200">
          {VERIFY_SNIPPETS.map((snippet) => (
            <Tabs.Trigger
              key={snippet.language}
              value={snippet.language}
              className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700"
            >
              {snippet.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {VERIFY_SNIPPETS.map((snippet) => (
          <Tabs.Content key={snippet.language} value={snippet.language} className="space-y-2 outline-none">
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded-md bg-zinc-100 px-3 py-1.5 font-mono text-xs text-zinc-800">{snippet.install}</code>
              <CopyButton value={snippet.install} label={`the ${snippet.label} install command`} compact />
            </div>
            <div className="flex items-start gap-2">
              <ScrollRegion
                as="pre"
                label={`Signature verification in ${snippet.label}`}
                className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-900 p-4 font-mono text-xs leading-relaxed text-zinc-100"
              >
                {snippet.code}
              </ScrollRegion>
              <CopyButton value={snippet.code} label={`the ${snippet.label} example`} compact />
            </div>
          </Tabs.Content>
        ))}
      </Tabs.Root>
      <p className="mt-3 text-sm text-zinc-500">
        Answer 2xx within 10 seconds. Failed deliveries are retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h; answering 410 Gone disables the endpoint. While a rotated secret is in its grace period, deliveries carry two signatures, and the libraries accept a delivery that either of them verifies.
      </p>
    </Card>
  );
}
