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
