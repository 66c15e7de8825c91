import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Mail } from "lucide-react";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { devMailboxEnabled, MAILBOX_LIMIT, readDevMailbox } from "@/lib/mail/dev-mailbox";

export const metadata: Metadata = { title: "Development mailbox" };
export const dynamic = "force-dynamic";

/** Splits a mail's text so its links can be followed from the page. */
function Linkified({ text }: { text: string }) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="break-all text-indigo-700 underline">
        {part}
      </a>
    ) : (
      <span key={index}>{part}</span>
    ),
  );
}

/**
 * Mail the portal would have sent, written to .data/mail/ because no SMTP
 * server is configured. It exists only where the file mailbox is on
 * (development, or MAIL_DEV_MAILBOX=1 for end-to-end tests); anyone who can
 * reach the server can read it, as with the Stripe simulator.
 */
export default async function DevMailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const messages = await readDevMailbox();
  return (
    <main className="mx-auto min-h-screen max-w-3xl px-4 py-10">
      <p className="mb-4 inline-flex items-center gap-1.5 rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold tracking-wide text-amber-900 uppercase" data-testid="dev-mailbox-label">
        <Mail aria-hidden className="size-3.5" />
        Development mailbox: nothing here was sent
      </p>
      <h1 className="text-2xl font-semibold text-zinc-900">Development mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Mail the portal wrote to <code className="font-mono">.data/mail/</code> instead of sending it, because <code className="font-mono">SMTP_URL</code> is not set. Newest first, at most {MAILBOX_LIMIT}.
      </p>
      <div className="mt-6 space-y-4">
        {messages.length === 0 ? (
          <Card>
            <p className="text-sm text-zinc-600">No mail yet. Invite a teammate or ask for a password reset, and the mail appears here.</p>
          </Card>
        ) : (
          messages.map((message) => (
            <Card key={message.id} className="min-w-0">
              <article data-testid="dev-mail" aria-labelledby={`mail-${message.id}`}>
                <h2 id={`mail-${message.id}`} className="mb-3 text-base font-semibold text-zinc-900">
                  {message.subject}
                </h2>
                <dl className="grid grid-cols-[4rem_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-zinc-500">To</dt>
                  <dd className="break-all text-zinc-900">{message.to.join(", ")}</dd>
                  <dt className="text-zinc-500">From</dt>
                  <dd className="break-all text-zinc-900">{message.from}</dd>
                  <dt className="text-zinc-500">Date</dt>
                  <dd className="text-zinc-900 tabular-nums">
                    {new Date(message.date).toISOString().replace("T", " ").slice(0, 19)} UTC · <RelativeTime date={message.date} />
                  </dd>
                </dl>
                <pre className="mt-4 font-sans text-sm break-words whitespace-pre-wrap text-zinc-800">
                  <Linkified text={message.text} />
                </pre>
              </article>
            </Card>
          ))
        )}
      </div>
    </main>
  );
}
