import { describe, expect, it } from "vitest";
import { checkReadiness } from "./readiness";

const answers = () => Promise.resolve();
const refuses = () => Promise.reject(new Error("connection refused"));
const hangs = () => new Promise<never>(() => {});

describe("checkReadiness", () => {
  it("is ready when the database answers and Redis is not configured", async () => {
    expect(await checkReadiness({ database: answers, redis: null })).toEqual({
      httpStatus: 200,
      body: { status: "ready", checks: { database: "ok", redis: "not_configured" } },
    });
  });

  it("is ready when both answer", async () => {
    expect((await checkReadiness({ database: answers, redis: answers })).body).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
  });

  it("names the check that failed", async () => {
    expect(await checkReadiness({ database: refuses, redis: answers })).toEqual({
      httpStatus: 503,
      body: { status: "not_ready", checks: { database: "failed", redis: "ok" } },
    });
    expect((await checkReadiness({ database: answers, redis: refuses })).body).toEqual({ status: "not_ready", checks: { database: "ok", redis: "failed" } });
  });

  it("answers, rather than hangs, when a dependency never does", async () => {
    expect(await checkReadiness({ database: hangs, redis: hangs }, 20)).toEqual({
      httpStatus: 503,
      body: { status: "not_ready", checks: { database: "timeout", redis: "timeout" } },
    });
  });

  it("counts a probe that throws before it returns a promise as failed", async () => {
    const throws = () => {
      throw new Error("no client");
    };
    expect((await checkReadiness({ database: throws, redis: null })).body).toMatchObject({ checks: { database: "failed" } });
  });
});
