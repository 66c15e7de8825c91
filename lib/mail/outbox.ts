import { randomBytes } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { writeDevMailboxMessage } from "@/lib/mail/dev-mailbox";
import type { RenderedMail } from "@/lib/mail/templates";

/**
 * Outgoing mail. With SMTP_URL, nodemailer sends it there; with the
 * development mailbox on, it is written to .data/mail/ and read on
 * /dev/mailbox; with neither (production without SMTP_URL, start-up says so),
 * it is dropped with a log line. Mail is a courtesy beside the action that
 * caused it: it is sent after that action's transaction committed, off the
 * response path, and a failure is logged, never surfaced to the person.
 */
export type OutgoingMail = RenderedMail & { to: string | string[] };

let transporter: { url: string; transport: Transporter } | undefined;

function smtpTransport(url: string): Transporter {
  if (transporter?.url !== url) transporter = { url, transport: nodemailer.createTransport(url) };
  return transporter.transport;
}

async function deliver(mail: OutgoingMail): Promise<void> {
  const config = env();
  const recipients = Array.isArray(mail.to) ? mail.to : [mail.to];
  if (recipients.length === 0) return;
  const message = { from: config.mailFrom, to: recipients, subject: mail.subject, text: mail.text, html: mail.html };
  if (config.smtpUrl) {
    await smtpTransport(config.smtpUrl).sendMail(message);
  } else if (config.mailDevMailbox) {
    await writeDevMailboxMessage({ id: `${Date.now()}-${randomBytes(4).toString("hex")}`, date: new Date().toISOString(), ...message });
  } else {
    log.info({ subject: mail.subject }, "mail not sent: SMTP_URL is not set");
  }
}

const inFlight = new Set<Promise<void>>();

/**
 * Sends in the background; the caller never waits for the SMTP server nor
 * sees its failures. A function is composed in the background too, for mail
 * whose recipients need a read first (null: nobody to tell).
 */
export function sendMailLater(mail: OutgoingMail | (() => Promise<OutgoingMail | null>)): void {
  const sending = (async () => {
    const composed = typeof mail === "function" ? await mail() : mail;
    if (composed) await deliver(composed);
  })()
    .catch((error: unknown) => log.error({ error: errorMessage(error) }, "mail could not be sent"))
    .finally(() => inFlight.delete(sending));
  inFlight.add(sending);
}

/** Resolves when every mail handed over so far has been sent or given up on: tests await it before reading their inbox. */
export async function mailSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
