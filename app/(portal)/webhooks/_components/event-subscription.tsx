"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { ListFilter } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Loading, LoadFailed } from "@/components/list/load-states";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { RadioCard, RadioCardGroup } from "@/components/ui/radio-card";
import { EventDescription } from "./event-description";
import { groupEventTypes, subscribableTypes, subscriptionSummary, subscriptionToSave } from "./event-groups";
import { CONFIG_PATH, EVENT_CATALOG_HREF, EVENT_TYPES_QUERY, fetchEventTypes, type ConfigResponse, type WebhookConfig } from "./queries";
import { useRefreshWebhooks } from "./use-refresh-webhooks";

/** The endpoint card's "Events" row: what the endpoint receives, and the button that changes it. */
export function EventSubscription({ config }: { config: WebhookConfig }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <dt className="text-zinc-500">Events</dt>
      <dd className="mt-1" data-testid="event-subscription">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-zinc-900">{subscriptionSummary(config.event_types)}</span>
          <Button size="sm" variant="ghost" onClick={() => setOpen(true)} disabled={!config.url}>
            <ListFilter aria-hidden className="size-4" />
            Choose events
          </Button>
        </div>
        {config.event_types.length > 0 ? (
          <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label="Subscribed event types">
            {config.event_types.map((type) => (
              <li key={type} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800">
                {type}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-0.5 text-zinc-500">Every event type, including types added later.</p>
        )}
      </dd>
      {open ? <SubscriptionDialog config={config} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

function SubscriptionDialog({ config, onClose }: { config: WebhookConfig; onClose: () => void }) {
  const refresh = useRefreshWebhooks();
  const toast = useToast();
  const catalog = useQuery({ queryKey: EVENT_TYPES_QUERY, queryFn: fetchEventTypes, staleTime: Infinity });
  const [choice, setChoice] = useState<"all" | "some">(config.event_types.length > 0 ? "some" : "all");
  const [ticked, setTicked] = useState<string[]>(config.event_types);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    // The URL is saved unchanged, so no ping, unless the endpoint is disabled: saving re-enables it, and that is checked.
    mutationFn: (eventTypes: string[]) =>
      apiFetch<ConfigResponse>(CONFIG_PATH, { body: { url: config.url, event_types: eventTypes, verify: !config.enabled } }),
    onSuccess: (result) => {
      refresh(result);
      toast({ title: "Events saved", description: `This endpoint receives ${result.event_types.length > 0 ? result.event_types.join(", ") : "all events"}.` });
      onClose();
    },
  });

  const options = subscribableTypes(catalog.data ?? []);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const eventTypes = subscriptionToSave(
      choice,
      ticked,
      options.map((info) => info.type),
    );
    if (eventTypes === null) {
      setProblem("Tick at least one event type, or choose all events.");
      return;
    }
    setProblem(null);
    save.mutate(eventTypes);
  }

  const toggle = (type: string, on: boolean) => {
    setProblem(null);
    setTicked((current) => (on ? [...current, type] : current.filter((entry) => entry !== type)));
  };

  return (
    <Dialog
      open
      onOpenChange={(next) => (next ? null : onClose())}
      title="Choose the events to send"
      description={
        <>
          Events of other types are not sent to {config.url} at all. Test events and verification pings go out whatever you choose.{" "}
          <Link href={EVENT_CATALOG_HREF} className="font-medium text-indigo-700 hover:underline">
            See every event&apos;s payload
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <RadioCardGroup legend="Events to send" legendHidden>
          <RadioCard name="event-choice" value="all" checked={choice === "all"} onChange={() => setChoice("all")} label="All events" hint="Every event type, including types added later." />
          <RadioCard name="event-choice" value="some" checked={choice === "some"} onChange={() => setChoice("some")} label="Selected events" hint="Only the event types ticked below." />
        </RadioCardGroup>

        {choice === "some" ? (
          catalog.isPending ? (
            <Loading what="event types" />
          ) : catalog.isError ? (
            <LoadFailed title="The event types could not be loaded" message={catalog.error.message} onRetry={() => void catalog.refetch()} />
          ) : (
            // The list scrolls on its own, so the dialog's buttons stay in view.
            <div>
              <p className="mb-1.5 text-sm text-zinc-600 tabular-nums" data-testid="subscription-count">
                {options.filter((info) => ticked.includes(info.type)).length} of {options.length} event types ticked
              </p>
              <ScrollRegion label="Event types" className="max-h-[40vh] space-y-4 overflow-y-auto rounded-md border border-zinc-200 p-3">
                {groupEventTypes(options).map((group) => (
                  <fieldset key={group.key}>
                    <legend className="mb-1.5 text-xs font-medium tracking-wide text-zinc-500 uppercase">{group.label}</legend>
                    <div className="space-y-1">
                      {group.types.map((info) => (
                        <label key={info.type} className="flex cursor-pointer items-start gap-3 rounded-md px-2 py-1.5 hover:bg-zinc-50">
                          <input
                            type="checkbox"
                            checked={ticked.includes(info.type)}
                            onChange={(event) => toggle(info.type, event.target.checked)}
                            className="mt-1 size-4 shrink-0 accent-indigo-600"
                          />
                          <span className="min-w-0">
                            <span className="block font-mono text-sm break-words text-zinc-900">{info.type}</span>
                            <span className="block text-sm text-zinc-600">
                              <EventDescription text={info.description} />
                            </span>
                          </span>
                        </label>
                      ))}
                    </div>
                  </fieldset>
                ))}
              </ScrollRegion>
            </div>
          )
        ) : null}

        {!config.enabled ? <p className="text-sm text-amber-800">Saving also re-enables this endpoint and sends it a verification ping.</p> : null}
        <DialogActions error={problem ?? save.error?.message} errorTestId="subscription-error" onCancel={onClose}>
          <Button type="submit" pending={save.isPending} disabled={choice === "some" && !catalog.isSuccess}>
            Save events
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
