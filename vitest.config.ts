import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
          environment: "node",
          // Vitest's default is one worker fewer than the cores: one on the two-core machines.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/template-database.ts"],
          setupFiles: ["tests/helpers/setup-next-runtime.ts", "tests/helpers/setup-database.ts"],
          // Each file gets its own database; argon2 and the engine make files slow-ish, not flaky.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
          // Runs after the unit project when both are run together (`npx vitest run`).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
