import { errorMessage, log } from "@/lib/log";

/** Exit codes of a process ended by the signal (128 + its number), as Next uses them. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
/** How long requests in flight may run on after the stop signal before the process stops waiting for them. */
export const DRAIN_TIMEOUT_MS = 10_000;
/** How long each last task (writing buffered API traffic) may take, so a dead database cannot hold the process. */
export const TASK_TIMEOUT_MS = 10_000;

type Task = { name: string; run: () => Promise<void> };
type State = { since: Date | null; watching: boolean; exitWrapped: boolean; tasks: Task[] };

// On globalThis: instrumentation, the readiness route and the API traffic recorder are bundled apart,
// and each bundle has its own copy of this module; the process has one shutdown.
const shared = globalThis as typeof globalThis & { __portalShutdown?: State };
const state = () => (shared.__portalShutdown ??= { since: null, watching: false, exitWrapped: false, tasks: [] });

/** Whether this process has been told to stop (SIGTERM or SIGINT): it drains, and must get no new traffic. */
export function isShuttingDown(): boolean {
  return state().since !== null;
}

/**
 * Runs `run` once before the process exits after a stop signal (bounded by
 * TASK_TIMEOUT_MS): what a process buffered is written on the way out.
 */
export function onShutdown(name: string, run: () => Promise<void>): void {
  const s = state();
  if (!s.tasks.some((task) => task.name === name)) s.tasks.push({ name, run });
  watchForShutdown();
}

/**
 * The graceful stop of a server process. `next start` handles SIGTERM and
 * SIGINT itself (next/dist/server/lib/start-server.js, 16.4.6): it stops
 * accepting connections, waits for the requests in flight, then calls
 * process.exit with 143 or 130. On the signal this:
 *   - makes readiness answer 503 at once (a load balancer stops sending);
 *   - wraps process.exit so the last tasks (the API traffic flush) run first,
 *     and a stop that went as planned exits 0;
 *   - stops waiting for requests in flight after DRAIN_TIMEOUT_MS;
 *   - exits at once where nothing else handles the signal (our listener took
 *     over the default action).
 */
export function watchForShutdown(): void {
  const s = state();
  if (s.watching) return;
  s.watching = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // First in line, so a handler that exits synchronously still exits through the wrapper.
    process.prependOnceListener(signal, () => {
      s.since ??= new Date();
      wrapExit(s);
      setTimeout(() => {
        log.warn(`requests were still in flight ${DRAIN_TIMEOUT_MS / 1000} s after ${signal}; exiting without them`);
        process.exit(0);
      }, DRAIN_TIMEOUT_MS);
      if (process.listenerCount(signal) === 0) process.exit(SIGNAL_EXIT_CODES[signal]);
    });
  }
}

/** The code a process exits with: a stop that followed its signal is a clean exit. */
export function exitCodeAfterSignal(code: number | string | null | undefined): number | string | undefined {
  if (code === undefined || code === null || code === SIGNAL_EXIT_CODES.SIGTERM || code === SIGNAL_EXIT_CODES.SIGINT) return 0;
  return code;
}

function wrapExit(s: State) {
  if (s.exitWrapped) return;
  s.exitWrapped = true;
  const exit = process.exit.bind(process);
  let exiting = false;
  process.exit = ((code?: number | string | null) => {
    if (exiting) return undefined as never;
    exiting = true;
    void runTasks(s.tasks).finally(() => exit(exitCodeAfterSignal(code)));
    return undefined as never;
  }) as typeof process.exit;
}

async function runTasks(tasks: Task[]): Promise<void> {
  await Promise.all(
    tasks.map(async (task) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.warn(`${task.name} did not finish within ${TASK_TIMEOUT_MS / 1000} s of the stop signal; exiting without it`);
          resolve();
        }, TASK_TIMEOUT_MS);
      });
      const done = task.run().catch((error) => log.error({ error: errorMessage(error) }, `${task.name} failed before exiting`));
      await Promise.race([done, timeout]);
      clearTimeout(timer);
    }),
  );
}
