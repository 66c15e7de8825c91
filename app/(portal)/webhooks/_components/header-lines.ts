/** Headers as they went over the wire, one "name: value" line each: how they are shown and copied. */
export function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}
