import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { eventBody, maskWebhookSecret, newMessageId, newWebhookSecret, signDelivery, signDeliveryWithSecrets } from "./signing";

describe("Standard Webhooks signing", () => {
  it("produces headers the standardwebhooks verifier accepts", () => {
    const secret = newWebhookSecret();
    const body = eventBody({ type: "webhook.test", data: { hello: "world" }, at: new Date(), test: true });
    const headers = signDelivery(secret, newMessageId(), new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("signs id.timestamp.body with HMAC-SHA256 under the decoded secret", () => {
    const secret = newWebhookSecret();
    const sentAt = new Date("2026-11-26T10:00:00Z");
    const headers = signDelivery(secret, "msg_abc", sentAt, '{"a":1}');
    expect(headers["webhook-timestamp"]).toBe("1795687200");
    const expected = createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update('msg_abc.1795687200.{"a":1}').digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(JSON.stringify(headers)).not.toContain(secret.slice(6));
  });

  it("fails verification for a changed body or another secret", () => {
    const secret = newWebhookSecret();
    const headers = signDelivery(secret, newMessageId(), new Date(), '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });

  it("signs with every secret of a rotation, newest first, so either secret alone verifies", () => {
    const [current, previous, stranger] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const sentAt = new Date();
    const body = '{"a":1}';
    const headers = signDeliveryWithSecrets([current, previous], "msg_abc", sentAt, body);
    const single = (secret: string) => signDelivery(secret, "msg_abc", sentAt, body)["webhook-signature"];
    expect(headers["webhook-signature"]).toBe(`${single(current)} ${single(previous)}`);
    expect(new Webhook(current).verify(body, headers)).toEqual({ a: 1 });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ a: 1 });
    expect(() => new Webhook(stranger).verify(body, headers)).toThrow();
    expect(() => signDeliveryWithSecrets([], "msg_abc", sentAt, body)).toThrow();
  });

  it("makes whsec_ secrets of 33 random bytes (no base64 padding) and msg_ ids", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{44}$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(33);
    expect(newMessageId()).toMatch(/^msg_[0-9A-Za-z]{24}$/);
    expect(maskWebhookSecret("abcd")).toBe("whsec_****...abcd");
  });
});
