// A stopping server writes its buffered API traffic before it exits: a real
// process records, is signalled, and the database is checked afterwards.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ROOT } from "./helpers/database";
import { tenantWithSecrets } from "./helpers/api-traffic";

const SCRIPT = path.join(ROOT, "tests/helpers/record-then-wait.ts");

/** Starts the recording process, signals it once it has recorded, and answers its exit code and output. */
function recordThenSignal(key: { id: string; secret: string }, count: number, mode: "alone" | "next", signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
    // tsx as a loader in the one process, not its launcher: the launcher relays a signal to its
    // child and, when the child does not acknowledge it within 30 ms (a loaded machine), kills it
    // and exits 130 itself, which is the launcher's race, not the shutdown under test.
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, key.secret, key.id, String(count), mode], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let signalled = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!signalled && output.includes("ready")) {
        signalled = true;
        child.kill(signal);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, exitSignal) => resolve({ code, signal: exitSignal, output }));
  });
}

describe("flush on shutdown", () => {
  it.each([
    ["SIGTERM with no other handler", "alone", "SIGTERM", 0],
    ["SIGINT with no other handler", "alone", "SIGINT", 0],
    ["SIGTERM when the server's own handler exits at once, with its signal's code", "next", "SIGTERM", 0],
  ] as const)("%s: every buffered request is written before a clean exit (0)", async (_name, mode, signal, exitCode) => {
    const tenant = await tenantWithSecrets();
    const result = await recordThenSignal(tenant.test, 4, mode, signal);
    expect(result, result.output).toMatchObject({ code: exitCode, signal: null });
    expect(await prisma.apiRequestLog.count({ where: { keyId: tenant.test.id, userAgent: "shutdown-test" } }), result.output).toBe(4);
    const minutes = await prisma.apiUsageMinute.findMany({ where: { keyId: tenant.test.id } });
    expect(minutes.reduce((sum, row) => sum + row.requests, 0)).toBe(4);
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: tenant.test.id } })).lastUsedAt).toBeInstanceOf(Date);
  }, 120_000); // a tsx process starts in several seconds on a busy machine
});
