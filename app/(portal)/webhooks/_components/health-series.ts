/** The chart's series in the meaning colours: green delivered, red failed. */
export const HEALTH_SERIES = [
  { key: "succeeded", label: "Succeeded", colour: "var(--color-emerald-500)", swatch: "bg-emerald-500" },
  { key: "failed", label: "Failed", colour: "var(--color-red-600)", swatch: "bg-red-600" },
] as const satisfies { key: "succeeded" | "failed"; label: string; colour: string; swatch: string }[];
