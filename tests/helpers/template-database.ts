// Vitest global setup of the integration project: migrates one database for
// the whole run (PostgreSQL when TEST_DATABASE_URL is set, else SQLite) and
// hands its location to every test file, whose own database is a copy of it
// (setup-database.ts). Dropped when the run ends.
import type { TestProject } from "vitest/node";
import { createTestDatabase, type TestDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: Pick<TestDatabase, "url" | "provider">;
  }
}

export default async function setup(project: TestProject) {
  const template = await createTestDatabase();
  project.provide("templateDatabase", { url: template.url, provider: template.provider });
  return () => template.drop();
}
