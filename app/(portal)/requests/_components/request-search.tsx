"use client";

import { Search } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { requestIdSchema } from "@/lib/schemas/api-traffic";

/** Opens a request by the id a developer has (from a Request-Id header or an error body), whatever the filters show. */
export function RequestSearch({ onOpen }: { onOpen: (id: string) => void }) {
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      role="search"
      aria-label="Find a request by id"
      className="w-full sm:w-auto"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = requestIdSchema.safeParse(value.trim());
        if (!parsed.success) {
          setProblem(parsed.error.issues[0]?.message ?? "Give a request id (req_…).");
          return;
        }
        setProblem(null);
        onOpen(parsed.data);
      }}
    >
      <label htmlFor="request-search" className="sr-only">
        Request id
      </label>
      <div className="flex gap-2">
        <input
          id="request-search"
          type="search"
          value={value}
          placeholder="Request id, req_…"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "request-search-problem" : undefined}
          className="h-8 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none sm:w-64"
        />
        <Button type="submit" size="sm" variant="secondary">
          <Search aria-hidden className="size-4" />
          Open
        </Button>
      </div>
      {problem ? (
        <p id="request-search-problem" className="mt-1 text-sm text-red-600" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
