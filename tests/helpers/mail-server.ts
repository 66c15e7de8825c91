import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { SMTPServer } from "smtp-server";
import { resetEnvCache } from "@/lib/env";
import { mailSettled } from "@/lib/mail/outbox";

/** A mail as the test SMTP server received it: the envelope's recipients, the subject, and both bodies decoded. */
export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; html: string; raw: string };

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = encoding?.toLowerCase();
  if (kind === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (kind === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function splitHeaders(part: string): { headers: Map<string, string>; body: string } {
  const at = part.indexOf("\r\n\r\n");
  const head = at === -1 ? part : part.slice(0, at);
  const body = at === -1 ? "" : part.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
      kind.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeBody(data.replace(/_/g, " "), "quoted-printable"),
    );
}

/** Just enough MIME for the portal's mails: a single part or multipart/alternative of text and HTML. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const { headers, body } = splitHeaders(raw);
  const mail: ReceivedMail = { to, from: headers.get("from") ?? "", subject: decodeWords(headers.get("subject") ?? ""), text: "", html: "", raw };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get("content-type") ?? "")?.[1];
  const parts = boundary
    ? body.split(`--${boundary}`).slice(1, -1).map((part) => splitHeaders(part.replace(/^\r\n/, "")))
    : [{ headers, body }];
  for (const part of parts) {
    const type = part.headers.get("content-type") ?? "text/plain";
    const decoded = decodeBody(part.body, part.headers.get("content-transfer-encoding"));
    if (type.startsWith("text/html")) mail.html = decoded;
    else if (type.startsWith("text/plain")) mail.text = decoded.replace(/\r\n/g, "\n");
  }
  return mail;
}

/**
 * A real SMTP server on a free loopback port, with SMTP_URL pointing at it
 * for the rest of the file. `received()` first waits for every mail the
 * portal handed over to be delivered, so a test can also assert that none was.
 */
export async function startMailServer() {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        inbox.push(parseMail(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((rcpt) => rcpt.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const previous = process.env.SMTP_URL;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  resetEnvCache();

  return {
    /** Every mail received so far (to `recipient`, when given), once all handed-over mail is delivered. */
    async received(recipient?: string): Promise<ReceivedMail[]> {
      await mailSettled();
      return recipient ? inbox.filter((mail) => mail.to.includes(recipient)) : [...inbox];
    },
    /** The one mail to `recipient` received since the last clear; fails when there is none or more than one. */
    async only(recipient: string): Promise<ReceivedMail> {
      const mails = await this.received(recipient);
      if (mails.length !== 1) throw new Error(`expected one mail to ${recipient}, got ${mails.length}: ${mails.map((mail) => mail.subject).join(", ")}`);
      return mails[0];
    },
    async clear(): Promise<void> {
      await mailSettled();
      inbox.length = 0;
    },
    async close(): Promise<void> {
      await mailSettled();
      if (previous === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = previous;
      resetEnvCache();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type MailServer = Awaited<ReturnType<typeof startMailServer>>;

/**
 * The test SMTP server of a whole test file: started before its tests,
 * emptied before each one, closed after them. Call it at the top of the file.
 */
export function setUpMailServer(): MailServer {
  let server: MailServer | undefined;
  beforeAll(async () => {
    server = await startMailServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.clear());
  const current = (): MailServer => {
    if (!server) throw new Error("the test mail server starts before the file's tests: call setUpMailServer() at the top of the file");
    return server;
  };
  return {
    received: (recipient) => current().received(recipient),
    only: (recipient) => current().only(recipient),
    clear: () => current().clear(),
    close: () => current().close(),
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in "${mail.subject}":\n${mail.text}`);
  return link;
}
