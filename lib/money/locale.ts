// The locale amounts are shown in: the viewer's browser language, read from
// Accept-Language on the server and handed to the client components, so the
// server render and the browser agree on every string.
import { DEFAULT_MONEY_LOCALE } from "@/lib/money/format";

/** The first language of an Accept-Language header that Intl can format numbers in; en-US otherwise. */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  if (!header) return DEFAULT_MONEY_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // A malformed tag is skipped like an unsupported one.
    }
  }
  return DEFAULT_MONEY_LOCALE;
}
