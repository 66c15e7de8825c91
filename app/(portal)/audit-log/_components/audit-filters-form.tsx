"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type FormEvent, type ReactNode } from "react";
import { AUDIT_FILTER_KEYS, auditDateRangeProblem, auditFiltersFromParams, auditFiltersToParams, isAuditFiltered, withQuery } from "@/components/audit/audit-filters";
import { Button } from "@/components/ui/button";
import { AUDIT_SEVERITY, type AuditCategory } from "@/lib/audit/actions";
import type { AuditLogFilters } from "@/lib/schemas/audit";
import { cn } from "@/lib/utils";

const controlClass =
  "h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none";
const labelClass = "block text-xs font-medium text-zinc-600";

/** How long typing may pause before the search applies: one request per word, not per key. */
const TYPING_PAUSE_MS = 350;

function Field({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** One of a flat list, or none of them (the first choice). */
function SelectField({ name, label, any, value, options }: { name: string; label: string; any: string; value: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <Field id={`audit-${name}`} label={label} className="col-span-2 sm:col-span-1">
      <select id={`audit-${name}`} name={name} defaultValue={value ?? ""} className={controlClass}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A UTC day; a moment a script put in the URL shows as its day. */
function DayField({ name, label, value, problem }: { name: "from" | "to"; label: string; value: string | undefined; problem: boolean }) {
  return (
    <Field id={`audit-${name}`} label={label}>
      <input
        id={`audit-${name}`}
        name={name}
        type="date"
        defaultValue={value?.slice(0, 10) ?? ""}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? "audit-dates-problem" : undefined}
        className={controlClass}
      />
    </Field>
  );
}

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
        <Field id="audit-q" label="Search" className="col-span-2">
          <input id="audit-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Action, person, target or reason" maxLength={200} className={controlClass} />
        </Field>
        <SelectField name="actor" label="Actor" any="Anyone" value={filters.actor} options={actors} />
        <SelectField name="severity" label="Severity" any="Any severity" value={filters.severity} options={Object.values(AUDIT_SEVERITY).map((severity) => ({ value: severity, label: severity }))} />
        <SelectField name="category" label="Category" any="All categories" value={filters.category} options={groups.map((group) => ({ value: group.category, label: group.label }))} />
        <Field id="action" label="Action" className="col-span-2 sm:col-span-1">
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
        </Field>
        <DayField name="from" label="From (UTC day)" value={filters.from} problem={problem !== null} />
        <DayField name="to" label="To (UTC day)" value={filters.to} problem={problem !== null} />
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
