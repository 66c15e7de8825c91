// Prisma CLI configuration. The CLI is used here only for `prisma generate`
// (through `npm run db:generate`, which passes each provider's schema copy
// with --schema); migrations run through scripts/db with Prisma's WebAssembly
// schema engine, because the CLI's native engine is a download from outside
// the npm registry, which the build and CI machines cannot reach.
//
// No `env()` here: it throws when the variable is unset, and the default
// (the app's own) is what a fresh clone runs with.
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./lib/database-url.mjs";

export default defineConfig({
  // The source of truth, written for SQLite. scripts/db writes one copy per
  // provider to prisma/generated/<provider>/schema.prisma.
  schema: "prisma/schema.prisma",
  datasource: {
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  },
});
