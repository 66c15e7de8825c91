import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_NAMES,
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  auditActionLabel,
  auditActionsByCategory,
  auditActionsInCategory,
  auditActionsMatching,
  defaultAuditSeverity,
  isAuditAction,
  TENANT_AUDIT_CATEGORIES,
} from "./actions";

// The real signature without loading the database client; only the compiler calls it.
declare const recordAudit: (typeof import("./audit-log"))["recordAudit"];

// Past participles that do not end in -ed; a new one is added here on purpose, not by accident.
const IRREGULAR_PAST = new Set(["sent", "lost", "set", "made", "taken", "given", "done", "shown", "run", "read", "held", "left", "won"]);

describe("the audit action registry", () => {
  it.each(AUDIT_ACTION_NAMES)("%s has a label, a known category and a severity", (name) => {
    const info = AUDIT_ACTIONS[name];
    expect(info.label.trim()).not.toBe("");
    expect(info.label).not.toBe(name);
    expect(Object.keys(AUDIT_CATEGORIES)).toContain(info.category);
    expect(["info", "warning", "critical"]).toContain(info.severity);
  });

  it.each(AUDIT_ACTION_NAMES)("%s is named category.verb_ed in snake_case, under its own category", (name) => {
    expect(name).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
    const [prefix, verb] = name.split(".");
    expect(prefix).toBe(AUDIT_ACTIONS[name].category);
    // Something happened: at least one word of the verb part is in the past tense.
    expect(verb.split("_").some((word) => word.endsWith("ed") || IRREGULAR_PAST.has(word)), `${verb} has no past-tense word`).toBe(true);
  });

  it("gives every action its own label, so the filter never shows two identical choices", () => {
    const labels = AUDIT_ACTION_NAMES.map((name) => AUDIT_ACTIONS[name].label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("groups every action exactly once, in category order, for the filter", () => {
    const groups = [...auditActionsByCategory("tenant"), ...auditActionsByCategory("platform")];
    expect(groups.map((group) => group.category)).toEqual([
      ...Object.keys(AUDIT_CATEGORIES).filter((category) => category !== "platform" && groups.some((group) => group.category === category)),
      "platform",
    ]);
    expect(groups.flatMap((group) => group.actions.map((action) => action.name)).sort()).toEqual([...AUDIT_ACTION_NAMES].sort());
    // A tenant's filter never offers what only the platform's log holds.
    expect(auditActionsByCategory().map((group) => group.category)).not.toContain("platform");
    expect(groups.find((group) => group.category === "api_keys")?.actions).toContainEqual({ name: "api_keys.revoked", label: "API keys revoked" });
  });

  it("labels registered names and shows unknown ones as they are", () => {
    expect(auditActionLabel("auth.login_failed")).toBe("Failed sign-in");
    expect(auditActionLabel("legacy.thing_happened")).toBe("legacy.thing_happened");
    expect(isAuditAction("api_keys.revoked")).toBe(true);
    expect(isAuditAction("toString")).toBe(false);
  });

  it("stores the severities the log has always held by default", () => {
    expect(defaultAuditSeverity("api_keys.revoked")).toBe("critical");
    expect(defaultAuditSeverity("api_keys.regenerated")).toBe("warning");
    expect(defaultAuditSeverity("auth.signed_in")).toBe("info");
  });

  it("lets recordAudit take registered names only (enforced by npm run typecheck)", () => {
    // Never run: if "not.registered" compiled, the @ts-expect-error would fail the typecheck.
    const writeUnregistered = (db: Parameters<typeof recordAudit>[0]) =>
      recordAudit(db, {
        tenantId: null,
        actor: { type: "system" },
        // @ts-expect-error an action missing from AUDIT_ACTIONS is a type error
        action: "not.registered",
      });
    const writeRegistered = (db: Parameters<typeof recordAudit>[0]) => recordAudit(db, { tenantId: null, actor: { type: "system" }, action: "auth.signed_in" });
    expect([writeUnregistered, writeRegistered]).toHaveLength(2);
    expect(isAuditAction("not.registered")).toBe(false);
  });
});

describe("the audit filters' pure parts", () => {
  it("offers a tenant every category but the platform's own, in filter order", () => {
    expect(TENANT_AUDIT_CATEGORIES).toEqual(auditActionsByCategory("tenant").map((group) => group.category));
    expect(TENANT_AUDIT_CATEGORIES).not.toContain("platform");
  });

  it.each([
    ["api_keys", ["api_keys.regenerated", "api_keys.revoked"]],
    ["payments", ["payments.refunded"]],
    ["platform", AUDIT_ACTION_NAMES.filter((name) => name.startsWith("platform."))],
  ] as const)("lists the actions of %s", (category, names) => {
    expect(auditActionsInCategory(category)).toEqual(names);
  });

  it.each([
    ["REVOKED", ["account.session_revoked", "api_keys.revoked", "invitations.revoked", "platform.operator_revoked"]],
    ["signed in", ["auth.signed_in"]],
    ["auth.signed_", ["auth.signed_up", "auth.signed_in", "auth.signed_out"]],
    ["failed sign", ["auth.login_failed"]],
    ["%", []],
    ["no such words", []],
  ] as const)("finds %j in labels and names, ignoring case", (text, names) => {
    expect(auditActionsMatching(text)).toEqual(names);
  });
});
