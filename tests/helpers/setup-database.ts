// Runs before every integration test file: a database of its own (SQLite, or
// PostgreSQL when TEST_DATABASE_URL is set), a copy of the run's migrated
// template (template-database.ts), dropped afterwards.
import { afterAll, inject } from "vitest";
import { cloneTestDatabase } from "./database";

process.env.AUTH_SECRET ??= "integration-test-secret-that-is-long-enough";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 1).toString("base64");
process.env.APP_URL = "http://localhost:3000";

const template = inject("templateDatabase");
const database = await cloneTestDatabase({ ...template, drop: async () => {} });
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  const { disconnectPrisma } = await import("@/lib/db");
  await disconnectPrisma();
  await database.drop();
});
