// npm run db:migration -- <name>: creates the next migration for every
// provider whose migrations lag behind the schema, then regenerates the
// clients. `--skip-generate` skips the clients.
import { diffMigrationsToSchema, generateClients, main, PROVIDERS, show, UserError, writeMigration } from "./lib.mjs";

const timestamp = () => new Date().toISOString().replace(/\D/g, "").slice(0, 14);

main("db:migration", async () => {
  const rawName = process.argv.slice(2).find((a) => !a.startsWith("--") && !isOptionValue(a));
  const name = (rawName ?? "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) throw new UserError("usage: npm run db:migration -- <name>   (e.g. add_api_keys)");

  const diffs = await Promise.all(
    PROVIDERS.map(async (provider) => ({ provider, ...(await diffMigrationsToSchema(provider, { script: true })) })),
  );
  const changed = diffs.filter((d) => d.changed);
  if (changed.length === 0) {
    console.log("db:migration: no schema changes");
    return;
  }
  const dirName = `${timestamp()}_${name}`;
  for (const d of changed) {
    const file = await writeMigration(d.provider, dirName, d.output);
    console.log(`db:migration: wrote ${show(file)}`);
  }
  if (changed.length < PROVIDERS.length) {
    const same = PROVIDERS.filter((p) => !changed.some((d) => d.provider === p));
    console.log(`db:migration: ${same.join(", ")} migrations already matched the schema`);
  }
  if (!process.argv.includes("--skip-generate")) {
    await generateClients();
    console.log("db:migration: regenerated the clients");
  }
});

function isOptionValue(arg) {
  const args = process.argv.slice(2);
  const i = args.indexOf(arg);
  return i > 0 && args[i - 1] === "--prisma-dir";
}
