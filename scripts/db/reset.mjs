// npm run db:reset: empties DATABASE_URL's database (SQLite: deletes the file;
// PostgreSQL: drops and recreates the public schema) and re-applies every
// migration. Refuses under NODE_ENV=production unless --force.
import { applyMigrations, describeDb, main, resetDatabase, UserError } from "./lib.mjs";

main("db:reset", async () => {
  if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
    throw new UserError("refusing to reset a database with NODE_ENV=production (pass --force to really do it)");
  }
  const db = await resetDatabase(process.env.DATABASE_URL);
  const { applied } = await applyMigrations(process.env.DATABASE_URL);
  console.log(`db:reset: emptied ${db.provider} ${describeDb(db)} and applied ${applied.length} migration(s)`);
});
