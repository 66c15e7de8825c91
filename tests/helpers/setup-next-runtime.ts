// Next's server publishes AsyncLocalStorage on globalThis before any of its
// modules load; `cookies()` and `headers()` (which next-auth's route handler
// reads) find their request scope through it. Vitest is not that server.
import { AsyncLocalStorage } from "node:async_hooks";

(globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage }).AsyncLocalStorage ??= AsyncLocalStorage;
