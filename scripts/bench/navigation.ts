// npm run bench:navigation — how quickly the portal's sections appear when
// someone moves between them, and how much JavaScript each one costs.
//
// Against the production build on a throw-away database seeded with the demo
// tenant, Chromium (CHROMIUM_PATH, default /usr/bin/chromium) signs in as the
// demo owner, loads the dashboard, then clicks through every section the owner
// may open (the sidebar, then Profile and Organization from the account menu),
// BENCH_ROUNDS times (default 5). Per section it prints the time from the
// link's click to the first frame showing the section's h1 with nothing in
// the main column still loading (no loading.tsx skeleton, no "Loading …"
// spinner): the first visit, and p50/max of the revisits, with how many of
// the revisits showed a skeleton or spinner on the way. Both instants are
// taken in the page (performance.now() in a capturing click listener, then a
// requestAnimationFrame loop), so Playwright's round trips are not in them.
//
// Then, per section, a full load in a fresh browser context (empty HTTP
// cache): the JavaScript as sent (encoded body sizes of the script responses
// the browser recorded, with the Content-Encoding the server chose), split
// into the scripts the HTML names and those loaded after it (lazy chunks,
// prefetches), until the network is idle.
//
// BENCH_ROUNDS, BENCH_PAUSE_MS (time on each section before the next click,
// default 400: the links' prefetches run in it, as they do for a person) and
// BENCH_DATABASE_URL as for bench:keys. Timings only: nothing here is a test.
import { spawnSync } from "node:child_process";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { isAccountMenuPage, isPlatformPage, mayOpenPage, PORTAL_PAGES, PORTAL_PATHS, type PortalPath } from "@/lib/auth/page-access";
import { ensureBuild, prepareDatabase, ROOT, startServer } from "./server";

const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 5));
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 400);
const PASSWORD = "bench navigation demo password";
const OWNER = "owner@demo.test";
const VIEWPORT = { width: 1280, height: 800 };

const owner = { role: "owner", platformRole: null } as const;
const SECTIONS: PortalPath[] = [
  ...PORTAL_PATHS.filter((path) => !isPlatformPage(path) && !isAccountMenuPage(path) && mayOpenPage(owner, path)),
  ...PORTAL_PATHS.filter((path) => isAccountMenuPage(path) && mayOpenPage(owner, path)),
];

type Arrival = { ms: number; skeleton: boolean; spinner: boolean };

/**
 * Runs in the page: arms a wait for `path` to show its h1 (`label`) with
 * nothing loading in the main column, timed from the next click on a link
 * (or, with `fromNavigationStart`, from the document's navigation start).
 * Plain JavaScript in a string: tsx would wrap a function's inner functions
 * in a helper the page does not have.
 */
const ARM_ARRIVAL = `({ path, label, fromNavigationStart }) => {
  window.__benchArrival = new Promise((resolve, reject) => {
    let clickedAt = fromNavigationStart ? 0 : null;
    let skeleton = false;
    let spinner = false;
    const onClick = (event) => {
      if (clickedAt === null && event.target instanceof Element && event.target.closest("a[href]")) clickedAt = performance.now();
    };
    document.addEventListener("click", onClick, { capture: true });
    const deadline = performance.now() + 60000;
    const check = () => {
      const now = performance.now();
      const main = document.getElementById("portal-main");
      if (clickedAt !== null && main) {
        // loading.tsx marks itself aria-live; the lists' and charts' spinners are aria-busy only (busy buttons are not loading content).
        if (main.querySelector('[aria-busy="true"][aria-live]')) skeleton = true;
        const busy = main.querySelector('[aria-busy="true"]:not(button)');
        if (busy && !busy.matches("[aria-live]")) spinner = true;
        const heading = main.querySelector("h1");
        const arrived = location.pathname === path && !busy && heading !== null && heading.textContent.trim() === label && heading.checkVisibility();
        if (arrived) {
          document.removeEventListener("click", onClick, { capture: true });
          resolve({ ms: now - clickedAt, skeleton, spinner });
          return;
        }
      }
      if (now > deadline) {
        document.removeEventListener("click", onClick, { capture: true });
        reject(new Error(path + ' did not show "' + label + '" with its content within 60 s (clicked: ' + (clickedAt !== null) + ")"));
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}`;

async function armArrival(page: Page, args: { path: string; label: string; fromNavigationStart: boolean }) {
  await page.evaluate(`(${ARM_ARRIVAL})(${JSON.stringify(args)})`);
}

async function awaitArrival(page: Page): Promise<Arrival> {
  return page.evaluate("window.__benchArrival") as Promise<Arrival>;
}

async function clickThrough(page: Page, path: PortalPath): Promise<Arrival> {
  const label = PORTAL_PAGES[path].label;
  await armArrival(page, { path, label, fromNavigationStart: false });
  if (isAccountMenuPage(path)) {
    // Opening the menu is not part of the figure: the clock starts at the item's click.
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: label }).click();
  } else {
    await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: label, exact: true }).click();
  }
  return awaitArrival(page);
}

type JsFigures = { initial: number; later: number; files: number; encodings: Set<string> };

/** A full load of `path` in a context with an empty cache: the scripts' encoded sizes, as the browser received them. */
async function javascriptOf(context: BrowserContext, baseUrl: string, path: PortalPath): Promise<JsFigures> {
  const page = await context.newPage();
  const scripts: { url: string; size: Promise<number>; encoding: string }[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push({
      url: new URL(response.url()).pathname,
      encoding: response.headers()["content-encoding"] ?? "identity",
      size: response.finished().then(async () => (await response.request().sizes()).responseBodySize),
    });
  });
  const document = await page.goto(`${baseUrl}${path}`);
  if (!document?.ok()) throw new Error(`${path} answered ${document?.status()}`);
  const html = await document.text();
  await page.waitForLoadState("networkidle");
  const figures: JsFigures = { initial: 0, later: 0, files: scripts.length, encodings: new Set() };
  for (const script of scripts) {
    const size = await script.size;
    figures.encodings.add(script.encoding);
    if (html.includes(script.url)) figures.initial += size;
    else figures.later += size;
  }
  await page.close();
  return figures;
}

function seedDemo(databaseUrl: string) {
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "development", DATABASE_URL: databaseUrl, SEED_DEMO_PASSWORD: PASSWORD },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (seeded.status !== 0) throw new Error("db:seed failed");
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

async function main() {
  ensureBuild();
  const database = await prepareDatabase();
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    seedDemo(database.url);
    server = await startServer(database.url, { STRIPE_SIMULATOR: "1" });
    const { baseUrl } = server;

    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill(OWNER);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard$/, { timeout: 60_000 });

    // The first load: a fresh document (the server warm from the sign-in's landing), navigation start to content.
    await page.goto(`${baseUrl}/dashboard`, { waitUntil: "commit" });
    await armArrival(page, { path: "/dashboard", label: PORTAL_PAGES["/dashboard"].label, fromNavigationStart: true });
    const firstLoad = await awaitArrival(page);

    const visits = new Map<PortalPath, Arrival[]>(SECTIONS.map((path) => [path, []]));
    // From the dashboard, each round visits every other section and ends back on the dashboard.
    const order = [...SECTIONS.filter((path) => path !== "/dashboard"), "/dashboard" as const];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const path of order) {
        await page.waitForTimeout(PAUSE_MS);
        visits.get(path)!.push(await clickThrough(page, path));
      }
      const total = [...visits.values()].reduce((sum, list) => sum + list.at(-1)!.ms, 0);
      console.log(`round ${round}/${ROUNDS}: ${order.length} sections in ${ms(total)}`);
    }
    const storage = await context.storageState();
    await context.close();

    const sizes = new Map<PortalPath, JsFigures>();
    for (const path of SECTIONS) {
      const fresh = await browser.newContext({ viewport: VIEWPORT, storageState: storage });
      sizes.set(path, await javascriptOf(fresh, baseUrl, path));
      await fresh.close();
    }

    const encodings = new Set([...sizes.values()].flatMap((figures) => [...figures.encodings]));
    console.log("");
    console.log(
      `bench:navigation  demo owner, Chromium ${browser.version()}, ${VIEWPORT.width}×${VIEWPORT.height}, ${ROUNDS} rounds (1 first visit + ${ROUNDS - 1} revisits), ${PAUSE_MS} ms on each section, ${database.provider === "sqlite" ? "SQLite" : "PostgreSQL"}`,
    );
    console.log(`first load of /dashboard (navigation start → h1 and content): ${ms(firstLoad.ms)}`);
    console.log("click → h1 and content, no skeleton or spinner left (measured in the page); JS = encoded script bodies of a full load, empty cache");
    const header = ["section", "path", "first", "revisit p50", "revisit max", "skeleton", "spinner", "JS in HTML", "JS later", "JS total"];
    const rows = SECTIONS.map((path) => {
      const [first, ...revisits] = visits.get(path)!;
      const js = sizes.get(path)!;
      const revisitMs = revisits.map((visit) => visit.ms);
      return [
        PORTAL_PAGES[path].label,
        path,
        ms(first.ms),
        ms(quantile(revisitMs, 0.5)),
        ms(Math.max(...revisitMs)),
        `${revisits.filter((visit) => visit.skeleton).length}/${revisits.length}`,
        `${revisits.filter((visit) => visit.spinner).length}/${revisits.length}`,
        kB(js.initial),
        kB(js.later),
        kB(js.initial + js.later),
      ];
    });
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
    console.log(line(header));
    console.log(widths.map((width) => "-".repeat(width)).join("  "));
    for (const row of rows) console.log(line(row));
    const allRevisits = SECTIONS.flatMap((path) => visits.get(path)!.slice(1).map((visit) => visit.ms));
    console.log(
      `all revisits: p50 ${ms(quantile(allRevisits, 0.5))}, p90 ${ms(quantile(allRevisits, 0.9))}, max ${ms(Math.max(...allRevisits))} (target: content within 200 ms); scripts sent as ${[...encodings].join(", ")}`,
    );
    const dashboard = sizes.get("/dashboard")!;
    console.log(`dashboard JavaScript: ${kB(dashboard.initial + dashboard.later)} compressed (target ≤ 180 kB)`);
  } finally {
    await browser.close();
    await server?.stop();
    await database.cleanup();
  }
}

main().catch((error) => {
  console.error("bench:navigation failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
