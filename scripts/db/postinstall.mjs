// npm postinstall: generates the clients; migrates the embedded SQLite
// database too (DATABASE_URL unset or file:), so a fresh clone is ready to run.
// A PostgreSQL DATABASE_URL is left alone: migrating it is a deliberate step.
import { applyMigrations, describeDb, generateClients, main } from "./lib.mjs";

main("postinstall", async () => {
  await generateClients();
  const url = process.env.DATABASE_URL;
  if (url && !url.startsWith("file:")) {
    console.log(
      "postinstall: generated the Prisma clients (DATABASE_URL is not a file: URL; run `npm run db:migrate` yourself)",
    );
    return;
  }
  const { db, applied } = await applyMigrations(url);
  console.log(`postinstall: generated the Prisma clients; ${describeDb(db)}: ${applied.length} migration(s) applied`);
});
