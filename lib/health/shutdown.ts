/** Exit codes of a process ended by the signal (128 + its number), as Next uses them. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

// On globalThis: the readiness route's bundle must see the flag that instrumentation's copy of this module set.
const shared = globalThis as typeof globalThis & { __portalShutdown?: { since: Date | null; watching: boolean } };
const state = () => (shared.__portalShutdown ??= { since: null, watching: false });

/** Whether this process has been told to stop (SIGTERM or SIGINT): it drains, and must get no new traffic. */
export function isShuttingDown(): boolean {
  return state().since !== null;
}

/**
 * Notes the stop signal so readiness answers 503 while `next start` drains
 * the requests in flight. Where nothing else handles the signal (our listener
 * took over the default action) it exits, as the recorder's listener does.
 */
export function watchForShutdown(): void {
  const s = state();
  if (s.watching) return;
  s.watching = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.prependOnceListener(signal, () => {
      s.since ??= new Date();
      if (process.listenerCount(signal) === 0) process.exit(SIGNAL_EXIT_CODES[signal]);
    });
  }
}
