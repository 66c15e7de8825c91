import { z } from "zod";

// Control characters (C0, DEL, C1, the Unicode line and paragraph separators),
// the invisible marks and overrides that reorder text on screen (a name that
// displays as something else: "Trojan Source"), and halves of a surrogate pair
// (not text at all: PostgreSQL refuses them, and JSON encoders mangle them).
// NUL is among the controls: PostgreSQL cannot store it in a text column.
const REFUSED_IN_TEXT = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

type HumanTextOptions = {
  min: number;
  max: number;
  /** Shown when the text is shorter than `min` (empty, for `min: 1`). */
  minMessage: string;
  /** Shown when the field is missing or not a string. */
  requiredMessage?: string;
  /** Line breaks (LF, or CRLF stored as LF) allowed, e.g. a reason; every other control character still refused. */
  multiline?: boolean;
};

const refusedMessage = "Use plain text: control characters and text-direction overrides are not allowed.";

/**
 * The one schema for text a person types that other people will read: names
 * of people and organisations, reasons. Refuses what cannot be shown honestly
 * or stored everywhere (see above) with a 400, and stores the NFC form, so
 * the same name typed on two keyboards (é as one code point, or e + ◌́) is the
 * same string. Trimmed; lengths count after normalising.
 */
export function humanTextSchema({ min, max, minMessage, requiredMessage, multiline = false }: HumanTextOptions) {
  return z
    .string(requiredMessage ? { error: requiredMessage } : undefined)
    .transform((text) => (multiline ? text.replace(/\r\n/g, "\n") : text))
    .refine((text) => !REFUSED_IN_TEXT.test(multiline ? text.replace(/\n/g, "") : text), refusedMessage)
    .transform((text) => text.normalize("NFC").trim())
    .pipe(z.string().min(min, minMessage).max(max, `Use at most ${max} characters.`));
}

/** A person's name. */
export const personNameSchema = humanTextSchema({ min: 1, max: 100, minMessage: "Enter your name." });

const REFUSED_IN_TEXT_ALL = new RegExp(REFUSED_IN_TEXT.source, "gu");
const LINE_AND_TAB_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/**
 * The same rules for text a third party wrote (e.g. Stripe's error
 * description in a callback URL) that the portal stores or repeats: the person
 * who would see a 400 did not write it, so the text is cleaned instead of
 * refused. Line breaks and tabs become spaces, every other refused character
 * is dropped, runs of whitespace become one space, NFC, trimmed, and cut to
 * `max` characters (whole code points).
 */
export function sanitizeThirdPartyText(text: string, max: number): string {
  const cleaned = text
    .replace(LINE_AND_TAB_CONTROLS, " ")
    .replace(REFUSED_IN_TEXT_ALL, "")
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(cleaned).slice(0, max).join("").trimEnd();
}

/** A field of third-party text, cleaned by sanitizeThirdPartyText. */
export function thirdPartyTextSchema(max: number) {
  return z.string().transform((text) => sanitizeThirdPartyText(text, max));
}
