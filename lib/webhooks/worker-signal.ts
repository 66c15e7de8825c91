// A nudge for the in-process worker so new events go out without waiting for
// the next poll. Kept apart from the worker so emitting an event imports nothing heavy.

type Listener = () => void;
const globalSignal = globalThis as typeof globalThis & { __portalWebhookWake?: Set<Listener> };
const listeners = (globalSignal.__portalWebhookWake ??= new Set<Listener>());

export function onWebhookWake(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wakeWebhookWorker(): void {
  for (const listener of listeners) listener();
}
