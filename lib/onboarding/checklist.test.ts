import { describe, expect, it } from "vitest";
import { decideChecklist, firstApiCall, type ChecklistFacts } from "./checklist";

const fresh: ChecklistFacts = {
  stripeConnected: false,
  testSecretKeys: [{ stored: false, used: false, working: true }],
  webhookUrl: null,
  testEventDelivered: false,
  memberCount: 1,
  invitationCount: 0,
  dismissed: false,
};

const done = (facts: ChecklistFacts) => Object.fromEntries(decideChecklist(facts).steps.map((step) => [step.id, step.done]));

describe("decideChecklist", () => {
  it("a tenant just signed up has every step to do, in order, and sees the list", () => {
    const list = decideChecklist(fresh);
    expect(list.steps.map((step) => step.id)).toEqual(["connect_stripe", "store_test_key", "call_api", "webhook", "invite_teammate"]);
    expect(list.steps.every((step) => !step.done)).toBe(true);
    expect(list).toMatchObject({ completed: 0, total: 5, visible: true, dismissed: false });
  });

  it("a stored test key counts; a key used on the API counts as stored and called, even once revoked", () => {
    expect(done({ ...fresh, testSecretKeys: [{ stored: true, used: false, working: true }] })).toMatchObject({ store_test_key: true, call_api: false });
    expect(done({ ...fresh, testSecretKeys: [{ stored: false, used: true, working: false }] })).toMatchObject({ store_test_key: true, call_api: true });
  });

  it("says how to get a usable key when the one shown at sign-up was not stored", () => {
    const step = decideChecklist(fresh).steps.find((item) => item.id === "store_test_key")!;
    expect(step.detail).toMatch(/shown once, at sign-up.*regenerate the test keys/);
    const none = decideChecklist({ ...fresh, testSecretKeys: [{ stored: false, used: false, working: false }] }).steps.find((item) => item.id === "store_test_key")!;
    expect(none.detail).toMatch(/no working test secret key/);
  });

  it("the webhook step needs both the endpoint and a delivered test event", () => {
    expect(done({ ...fresh, webhookUrl: "https://hooks.example.com/in" }).webhook).toBe(false);
    expect(done({ ...fresh, testEventDelivered: true }).webhook).toBe(false);
    expect(done({ ...fresh, webhookUrl: "https://hooks.example.com/in", testEventDelivered: true }).webhook).toBe(true);
    const half = decideChecklist({ ...fresh, webhookUrl: "https://hooks.example.com/in" }).steps.find((item) => item.id === "webhook")!;
    expect(half.detail).toContain("send a test event");
    expect(half.action.label).toBe("Open the test console");
  });

  it("a teammate counts once invited or once there", () => {
    expect(done({ ...fresh, invitationCount: 1 }).invite_teammate).toBe(true);
    expect(done({ ...fresh, memberCount: 2 }).invite_teammate).toBe(true);
  });

  it("disappears when every step is done, or when dismissed", () => {
    const all: ChecklistFacts = {
      stripeConnected: true,
      testSecretKeys: [{ stored: true, used: true, working: true }],
      webhookUrl: "http://127.0.0.1:4000/hooks",
      testEventDelivered: true,
      memberCount: 1,
      invitationCount: 1,
      dismissed: false,
    };
    expect(decideChecklist(all)).toMatchObject({ completed: 5, visible: false });
    expect(decideChecklist({ ...fresh, dismissed: true })).toMatchObject({ completed: 0, visible: false, dismissed: true });
  });

  it("the first call names this portal's base URL", () => {
    expect(firstApiCall("http://localhost:3000")).toBe('curl -H "Authorization: Bearer sk_test_…" http://localhost:3000/api/v1/account/');
  });
});
