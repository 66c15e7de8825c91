// Runs once when a server process starts. The Node-only part lives in its own
// module so the Edge compilation of this file never sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: until it runs, requests have no trustworthy client address (lib/http/socket-peer.ts).
    const { installSocketPeerStamp } = await import("./lib/http/socket-peer");
    installSocketPeerStamp();
    const { checkConfigurationAtStartup, startBackgroundWork } = await import("./lib/startup");
    checkConfigurationAtStartup();
    // Before the first request: readiness must answer 503 from the moment the stop signal arrives.
    const { watchForShutdown } = await import("./lib/health/shutdown");
    watchForShutdown();
    await startBackgroundWork();
  }
}
