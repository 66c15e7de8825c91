"use client";

import { cn } from "@/lib/utils";

/** A segmented control (radio buttons underneath: arrow keys move between them). */
export function Segmented<T extends string>({ name, label, options, value, onChange }: { name: string; label: string; options: { value: T; label: string }[]; value: T; onChange: (value: T) => void }) {
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 block text-xs font-medium text-zinc-600">{label}</legend>
      <div className="inline-flex rounded-md border border-zinc-300 bg-zinc-100 p-0.5" data-testid={`${name}-picker`}>
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "relative cursor-pointer rounded px-3 py-1 text-sm font-medium whitespace-nowrap text-zinc-600 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600",
              value === option.value && "bg-white text-zinc-900 shadow-xs",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="absolute inset-0 size-full cursor-pointer appearance-none rounded opacity-0"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
