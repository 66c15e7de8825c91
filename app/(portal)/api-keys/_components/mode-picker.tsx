import { RadioCard, RadioCardGroup } from "@/components/ui/radio-card";
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
    <RadioCardGroup legend="Which keys" columns={3}>
      {OPTIONS.map((option) => (
        <RadioCard
          key={option.value}
          name={name}
          value={option.value}
          checked={value === option.value}
          onChange={() => onChange(option.value)}
          label={option.label}
          hint={<span className="font-mono text-xs">{option.hint}</span>}
        />
      ))}
    </RadioCardGroup>
  );
}
