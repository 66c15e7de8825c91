"use client";

import { Loader2, Search } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";

/** How long typing must pause before the list follows. */
const DEBOUNCE_MS = 300;

/**
 * The search box: the list follows as the operator types (after a pause), and
 * the search lives in the URL (?q=), so a search can be shared, reloaded and
 * paged through. Without JavaScript it is a plain GET form.
 */
export function TenantSearch({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initialQuery);
  const [pending, startTransition] = useTransition();
  // What this box last sent to the URL.
  const [applied, setApplied] = useState(initialQuery);
  const [urlQuery, setUrlQuery] = useState(initialQuery);

  // The URL changed without this box (a "Clear search" link, back and forward): show what the list shows.
  if (initialQuery !== urlQuery) {
    setUrlQuery(initialQuery);
    if (initialQuery !== applied) {
      setApplied(initialQuery);
      setValue(initialQuery);
    }
  }

  const apply = useCallback(
    (next: string) => {
      setApplied(next);
      // A new search starts from the newest tenant: the old cursor belongs to the old search.
      startTransition(() => router.replace(next ? `${pathname}?q=${encodeURIComponent(next)}` : pathname, { scroll: false }));
    },
    [pathname, router],
  );

  useEffect(() => {
    const next = value.trim();
    if (next === applied) return;
    const timer = setTimeout(() => apply(next), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value, applied, apply]);

  return (
    <form method="get" role="search" className="relative w-full sm:max-w-sm" onSubmit={(event) => {
        event.preventDefault();
        if (value.trim() !== applied) apply(value.trim());
      }}>
      <label htmlFor="tenant-search" className="sr-only">
        Search tenants by name, slug or id
      </label>
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
      <input
        id="tenant-search"
        name="q"
        type="search"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="Search name, slug or id"
        maxLength={100}
        autoComplete="off"
        className="block h-9 w-full rounded-md border border-zinc-300 bg-white pr-8 pl-9 text-sm shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
      />
      {pending ? <Loader2 aria-label="Searching" className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-zinc-400" /> : null}
    </form>
  );
}
