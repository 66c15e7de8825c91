// npm run db:migrate: applies pending migrations to DATABASE_URL (default
// file:./.data/portal.db) the way `prisma migrate deploy` does.
import { applyMigrations, describeDb, main } from "./lib.mjs";

main("db:migrate", async () => {
  const { db, created, applied, total } = await applyMigrations(process.env.DATABASE_URL);
  const target = `${db.provider} ${describeDb(db)}${created ? " (created)" : ""}`;
  if (applied.length === 0) console.log(`db:migrate: no pending migrations (${total} applied) on ${target}`);
  else console.log(`db:migrate: applied ${applied.length} migration(s) to ${target}: ${applied.join(", ")}`);
});
