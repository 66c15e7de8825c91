// npm run db:check: fails when prisma/schema.prisma and either provider's
// migrations disagree (someone changed the schema without `db:migration`, or
// edited a migration by hand).
import { diffMigrationsToSchema, main, PROVIDERS } from "./lib.mjs";

main("db:check", async () => {
  const results = await Promise.all(
    PROVIDERS.map(async (provider) => ({ provider, ...(await diffMigrationsToSchema(provider, { script: false })) })),
  );
  const drifted = results.filter((r) => r.changed);
  if (drifted.length === 0) {
    console.log(`db:check: migrations match the schema (${PROVIDERS.join(", ")})`);
    return 0;
  }
  for (const r of drifted) {
    console.error(`db:check: the ${r.provider} migrations do not match the schema; the schema also needs:`);
    console.error(r.output.trim().replace(/^/gm, "  "));
  }
  console.error("db:check: run `npm run db:migration -- <name>` to create the missing migration");
  return 1;
});
