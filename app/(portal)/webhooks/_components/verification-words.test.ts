import { describe, expect, it } from "vitest";
import type { WebhookVerification } from "./queries";
import { verificationWords } from "./verification-words";

const ping = (fields: Partial<WebhookVerification>): WebhookVerification => ({
  delivered: false,
  status_code: null,
  response_time_ms: 12,
  error_code: null,
  message_id: "msg_1",
  at: "2026-11-26T04:50:01.000Z",
  ...fields,
});

describe("verificationWords", () => {
  it.each([
    [{ delivered: true, status_code: 200, response_time_ms: 41 }, { delivered: true, label: "HTTP 200", detail: "Your endpoint accepted the signed test event in 41 ms." }],
    [{ delivered: true, status_code: 204, response_time_ms: null }, { delivered: true, label: "HTTP 204", detail: "Your endpoint accepted the signed test event." }],
    [{ status_code: 500 }, { delivered: false, label: "HTTP 500", detail: "It failed on its side: its logs say why." }],
    [{ status_code: 503 }, { delivered: false, label: "HTTP 503", detail: "It failed on its side: its logs say why." }],
    [{ status_code: 401 }, { delivered: false, label: "HTTP 401", detail: "It refused the request: check that it verifies with this endpoint's signing secret." }],
    [{ status_code: 403 }, { delivered: false, label: "HTTP 403", detail: "It refused the request: check that it verifies with this endpoint's signing secret." }],
    [{ status_code: 404 }, { delivered: false, label: "HTTP 404", detail: "Nothing answers at that path: check the URL." }],
    [{ status_code: 410 }, { delivered: false, label: "HTTP 410", detail: "It answered 410 Gone, which asks us to stop sending." }],
    [{ status_code: 429 }, { delivered: false, label: "HTTP 429", detail: "It is rate-limiting us." }],
    [{ status_code: 301 }, { delivered: false, label: "HTTP 301", detail: "It answered with a redirect, and redirects are never followed: save the final URL." }],
    [{ status_code: 400 }, { delivered: false, label: "HTTP 400", detail: "It did not accept the event: the answer must have a 2xx status." }],
    [{ error_code: "webhook_timeout", response_time_ms: 10003 }, { delivered: false, label: "timed out", detail: "Your endpoint did not answer within 10 seconds." }],
    [{ error_code: "webhook_unreachable" }, { delivered: false, label: "unreachable", detail: "We could not connect: the connection was refused, or DNS or TLS failed." }],
    [{ error_code: "webhook_url_forbidden" }, { delivered: false, label: "not sent", detail: "The host resolves to a private or local address, which we never send to." }],
    [{}, { delivered: false, label: "failed", detail: "Your endpoint did not accept the event." }],
  ] as [Partial<WebhookVerification>, ReturnType<typeof verificationWords>][])("%o reads %o", (fields, expected) => {
    expect(verificationWords(ping(fields))).toEqual(expected);
  });
});
