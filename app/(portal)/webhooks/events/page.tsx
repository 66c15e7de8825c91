import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage } from "@/components/shell/portal-page";
import { CopyButton } from "@/components/ui/copy-field";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { EVENT_TYPES, type EventTypeInfo } from "@/lib/webhooks/event-types";
import { eventBody } from "@/lib/webhooks/signing";
import { EventDescription } from "../_components/event-description";
import { groupEventTypes, TEST_EVENT_TYPE, type EventGroup } from "../_components/event-groups";

// A page below /webhooks: the same gate (admins and owners) and the same sidebar entry.
export const metadata = { title: "Webhook event catalog" };

const EXAMPLE_TIMESTAMP = new Date("2026-11-26T06:00:00.000Z");
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The body a receiver gets: the event's data inside the envelope every delivery shares. */
const exampleBody = (info: EventTypeInfo) =>
  pretty(JSON.parse(eventBody({ type: info.type, data: info.example, at: EXAMPLE_TIMESTAMP, test: info.type === TEST_EVENT_TYPE })));

function EventIndex({ groups }: { groups: EventGroup<EventTypeInfo>[] }) {
  return (
    <ul className="space-y-4 text-sm">
      {groups.map((group) => (
        <li key={group.key}>
          <a href={`#group-${group.key}`} className="font-medium text-zinc-900 hover:underline">
            {group.label}
          </a>
          <ul className="mt-1 space-y-0.5">
            {group.types.map((info) => (
              <li key={info.type}>
                <a href={`#${info.type}`} className="block rounded px-1 py-0.5 font-mono text-xs leading-5 break-words text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900">
                  {info.type}
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function EventEntry({ info }: { info: EventTypeInfo }) {
  const body = exampleBody(info);
  const schema = pretty(info.schema);
  return (
    <article id={info.type} aria-labelledby={`${info.type}-title`} className="scroll-mt-20 rounded-lg border border-zinc-200 bg-white shadow-xs lg:scroll-mt-4" data-testid="catalog-event">
      <header className="border-b border-zinc-200 px-5 py-4">
        <h3 id={`${info.type}-title`} className="font-mono text-base font-semibold break-words text-zinc-900">
          {info.type}
        </h3>
        <p className="mt-1 text-sm text-zinc-600">
          <EventDescription text={info.description} />
        </p>
        {info.type === TEST_EVENT_TYPE ? (
          <p className="mt-1 text-sm text-zinc-500">Also sent as the verification ping when a URL is saved or checked again, whatever the endpoint subscribes to.</p>
        ) : null}
      </header>
      <div className="space-y-4 px-5 py-4">
        <div>
          <div className="mb-1.5 flex items-center justify-between gap-2">
            <h4 className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Example body</h4>
            <CopyButton value={body} label={`example body of ${info.type}`} compact />
          </div>
          <ScrollRegion as="pre" label={`Example body of ${info.type}`} className="max-h-80 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs text-zinc-100">
            {body}
          </ScrollRegion>
        </div>
        <details className="rounded-md border border-zinc-200 text-sm" data-testid="catalog-schema">
          <summary className="cursor-pointer px-3 py-2 font-medium text-zinc-700">
            JSON Schema of <code className="font-mono">data</code>
          </summary>
          <div className="border-t border-zinc-200">
            <div className="flex justify-end px-2 pt-2">
              <CopyButton value={schema} label={`JSON Schema of ${info.type} data`} compact />
            </div>
            <ScrollRegion as="pre" label={`JSON Schema of ${info.type} data`} className="max-h-96 overflow-auto bg-zinc-50 p-3 font-mono text-xs text-zinc-800">
              {schema}
            </ScrollRegion>
          </div>
        </details>
      </div>
    </article>
  );
}

export default portalPage("/webhooks", () => {
  const groups = groupEventTypes(EVENT_TYPES);
  return (
    <>
      <Link href="/webhooks" className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden className="size-4" />
        Webhooks
      </Link>
      <PageHeader title="Event catalog" description="Every event type we send to your endpoint: what it means, an example body and the JSON Schema of its data." />
      <p className="mb-6 max-w-prose text-sm text-zinc-600">
        Every delivery is a <code className="font-mono text-xs">POST</code> of <code className="font-mono text-xs">{'{"type", "timestamp", "test", "data"}'}</code>, signed
        with Standard Webhooks headers (<code className="font-mono text-xs">webhook-id</code>, <code className="font-mono text-xs">webhook-timestamp</code>,{" "}
        <code className="font-mono text-xs">webhook-signature</code>). <code className="font-mono text-xs">test</code> is true only for a send from the test
        console. Choose which types your endpoint receives on the{" "}
        <Link href="/webhooks" className="font-medium text-indigo-700 underline">
          webhooks page
        </Link>
        .
      </p>
      <div className="lg:grid lg:grid-cols-[220px_minmax(0,1fr)] lg:gap-8">
        <nav aria-label="Event types" className="mb-6 lg:mb-0">
          <details className="rounded-lg border border-zinc-200 bg-white px-4 py-3 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium text-zinc-900">Jump to an event type</summary>
            <div className="mt-3">
              <EventIndex groups={groups} />
            </div>
          </details>
          <div className="sticky top-4 hidden max-h-[calc(100vh-2rem)] overflow-y-auto pr-2 lg:block">
            <EventIndex groups={groups} />
          </div>
        </nav>
        <div className="min-w-0 space-y-10">
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`group-${group.key}`}>
              <h2 id={`group-${group.key}`} className="scroll-mt-20 text-lg font-semibold text-zinc-900 lg:scroll-mt-4">
                {group.label}
              </h2>
              <div className="mt-4 space-y-6">
                {group.types.map((info) => (
                  <EventEntry key={info.type} info={info} />
                ))}
              </div>
            </section>
          ))}
        </div>
      </div>
    </>
  );
});
