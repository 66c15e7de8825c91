import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The development mailbox: one JSON file per message in .data/mail/, shown
 * on /dev/mailbox. Only on where env().mailDevMailbox is (development without
 * SMTP_URL, or MAIL_DEV_MAILBOX=1 for end-to-end tests).
 */
export type DevMailboxMessage = {
  id: string;
  date: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
};

export const MAILBOX_LIMIT = 50;
const mailDir = () => path.join(process.cwd(), ".data", "mail");

export function devMailboxEnabled(): boolean {
  return env().mailDevMailbox;
}

export async function writeDevMailboxMessage(message: DevMailboxMessage): Promise<void> {
  await mkdir(mailDir(), { recursive: true });
  await writeFile(path.join(mailDir(), `${message.id}.json`), JSON.stringify(message, null, 2), { mode: 0o600 });
}

/** The newest messages first (file names start with the time they were written). */
export async function readDevMailbox(): Promise<DevMailboxMessage[]> {
  const files = await readdir(mailDir()).catch(() => [] as string[]);
  const newest = files.filter((file) => /^[\w-]+\.json$/.test(file)).sort().reverse().slice(0, MAILBOX_LIMIT);
  return Promise.all(newest.map(async (file) => JSON.parse(await readFile(path.join(mailDir(), file), "utf8")) as DevMailboxMessage));
}
