import type { KeyType } from "@/lib/schemas/api-keys";

const OPTIONS: { value: KeyType; label: string; hint: string }[] = [
  { value: "test", label: "Test keys", hint: "sk_test_ / pk_test_" },
  { value: "live", label: "Live keys", hint: "sk_live_ / pk_live_" },
  { value: "all", label: "Live and test", hint: "all four keys" },
];

export function keyTypeLabel(value: KeyType): string {
  return value === "all" ? "live and test" : value;
}

/** Radio cards for live / test / all. */
export function ModePicker({ name, value, onChange }: { name: string; value: KeyType; onChange: (value: KeyType) => void }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">Which keys</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className="flex cursor-pointer flex-col rounded-md border border-zinc-300 px-3 py-2 text-sm has-checked:border-indigo-600 has-checked:bg-indigo-50 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600"
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            <span className="font-medium text-zinc-900">{option.label}</span>
            <span className="font-mono text-xs text-zinc-600">{option.hint}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
