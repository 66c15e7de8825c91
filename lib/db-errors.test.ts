import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation } from "./db-errors";

const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error("driver adapter error"), { code: "P2010", meta: { driverAdapterError: { cause } } });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["Prisma: can't reach the server (P1001)", Object.assign(new Error("Can't reach database server"), { code: "P1001" }), true],
    ["Prisma: the server closed the connection (P1017)", Object.assign(new Error("Server has closed the connection."), { code: "P1017" }), true],
    ["Prisma: socket timeout (P1008)", Object.assign(new Error("timed out"), { code: "P1008" }), true],
    ["adapter: DatabaseNotReachable", adapterError({ kind: "DatabaseNotReachable" }), true],
    ["adapter: ConnectionClosed", adapterError({ kind: "ConnectionClosed" }), true],
    ["adapter: PostgreSQL shutting down (57P01)", adapterError({ kind: "postgres", code: "57P01" }), true],
    ["adapter: PostgreSQL starting up (57P03)", adapterError({ kind: "postgres", originalCode: "57P03" }), true],
    ["pg: connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true],
    ["pg: connection lost mid-query", new Error("Connection terminated unexpectedly"), true],
    ["pg: admin shutdown SQLSTATE on the error itself", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }), true],
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" }), false],
    ["adapter: a unique violation", adapterError({ kind: "UniqueConstraintViolation" }), false],
    ["adapter: a syntax error", adapterError({ kind: "postgres", code: "42601" }), false],
    ["a plain bug", new TypeError("x is undefined"), false],
    ["not an object", "boom", false],
    ["null", null, false],
  ] as const)("%s → %s", (_name, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});

describe("isUniqueViolation", () => {
  it("still tells a unique violation from an unreachable database", () => {
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "P2002", meta: { target: ["email"] } }), "email")).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "P1001" }))).toBe(false);
  });
});
