"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type FormEvent } from "react";
import { AUDIT_FILTER_KEYS, auditDateRangeProblem, auditFiltersFromParams, auditFiltersToParams, isAuditFiltered, withQuery } from "@/components/audit/audit-filters";
import { Button } from "@/components/ui/button";
import { AUDIT_SEVERITY, type AuditCategory } from "@/lib/audit/actions";
import type { AuditLogFilters } from "@/lib/schemas/audit";

const controlClass =
  "h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none";
const labelClass = "block text-xs font-medium text-zinc-600";

/** How long typing may pause before the search applies: one request per word, not per key. */
const TYPING_PAUSE_MS = 350;

type Group = { category: AuditCategory; label: string; actions: { name: string; label: string }[] };

/**
 * Every filter of the audit log, applied as it changes (text after a pause in
 * typing), as on the other list pages; the URL holds them, so a view can be
 * shared. Without JavaScript the form is a plain GET and Filter applies it.
 */
export function AuditFiltersForm({ filters, actors, groups }: { filters: AuditLogFilters; actors: { value: string; label: string }[]; groups: Group[] }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [pending, startTransition] = useTransition();
  const problem = auditDateRangeProblem(filters);

  useEffect(() => () => {
    if (typing.current) clearTimeout(typing.current);
  }, []);

  // The fields follow the URL (Back, Clear, a shared link), except the one being typed in.
  const shown = auditFiltersToParams(filters).toString();
  useEffect(() => {
    const current = auditFiltersFromParams(new URLSearchParams(shown));
    for (const key of AUDIT_FILTER_KEYS) {
      const field = form.current?.elements.namedItem(key);
      if ((field instanceof HTMLInputElement || field instanceof HTMLSelectElement) && field !== document.activeElement) {
        field.value = (key === "from" || key === "to" ? current[key]?.slice(0, 10) : current[key]) ?? "";
      }
    }
  }, [shown]);

  const apply = () => {
    if (typing.current) clearTimeout(typing.current);
    if (!form.current) return;
    const raw = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) if (typeof value === "string") raw.set(key, value);
    // A new filter starts from the newest entry and closes any open one.
    const href = withQuery("/audit-log", auditFiltersToParams(auditFiltersFromParams(raw)));
    startTransition(() => router.replace(href, { scroll: false }));
  };

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    if (event.target instanceof HTMLInputElement && event.target.type === "search") {
      if (typing.current) clearTimeout(typing.current);
      typing.current = setTimeout(apply, TYPING_PAUSE_MS);
    } else apply();
  };

  return (
    <form
      ref={form}
      method="get"
      action="/audit-log"
      role="search"
      aria-label="Filter the audit log"
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      className="mb-4 space-y-2"
    >
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div className="col-span-2 space-y-1">
          <label htmlFor="audit-q" className={labelClass}>
            Search
          </label>
          <input id="audit-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Action, person, target or reason" maxLength={200} className={controlClass} />
        </div>
        <div className="col-span-2 space-y-1 sm:col-span-1">
          <label htmlFor="audit-actor" className={labelClass}>
            Actor
          </label>
          <select id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} className={controlClass}>
            <option value="">Anyone</option>
            {actors.map((actor) => (
              <option key={actor.value} value={actor.value}>
                {actor.label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 space-y-1 sm:col-span-1">
          <label htmlFor="audit-severity" className={labelClass}>
            Severity
          </label>
          <select id="audit-severity" name="severity" defaultValue={filters.severity ?? ""} className={controlClass}>
            <option value="">Any severity</option>
            {Object.values(AUDIT_SEVERITY).map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 space-y-1 sm:col-span-1">
          <label htmlFor="audit-category" className={labelClass}>
            Category
          </label>
          <select id="audit-category" name="category" defaultValue={filters.category ?? ""} className={controlClass}>
            <option value="">All categories</option>
            {groups.map((group) => (
              <option key={group.category} value={group.category}>
                {group.label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 space-y-1 sm:col-span-1">
          <label htmlFor="action" className={labelClass}>
            Action
          </label>
          <select id="action" name="action" defaultValue={filters.action ?? ""} className={controlClass}>
            <option value="">All actions</option>
            {/* Every registered action, not only those already logged: "nobody has revoked keys" is an answer too. */}
            {groups.map((group) => (
              <optgroup key={group.category} label={group.label}>
                {group.actions.map((action) => (
                  <option key={action.name} value={action.name}>
                    {action.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-from" className={labelClass}>
            From (UTC day)
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={filters.from?.slice(0, 10) ?? ""}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "audit-dates-problem" : undefined}
            className={controlClass}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-to" className={labelClass}>
            To (UTC day)
          </label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={filters.to?.slice(0, 10) ?? ""}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "audit-dates-problem" : undefined}
            className={controlClass}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <p className="mr-auto text-sm text-zinc-500" aria-live="polite">
          {pending ? "Updating…" : ""}
        </p>
        {isAuditFiltered(filters) ? (
          <Button type="button" variant="ghost" size="sm" onClick={() => {
              for (const key of AUDIT_FILTER_KEYS) {
                const field = form.current?.elements.namedItem(key);
                if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = "";
              }
              apply();
            }}>
            Clear filters
          </Button>
        ) : null}
        <Button type="submit" variant="secondary" size="sm" pending={pending}>
          Filter
        </Button>
      </div>
      {problem ? (
        <p id="audit-dates-problem" className="text-sm text-red-600" role="alert">
          {problem} Dates are left out until that is fixed.
        </p>
      ) : null}
    </form>
  );
}
