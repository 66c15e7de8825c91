// The verification ping's result in plain words: what happened and, when it
// failed, what usually causes it. A failed ping is a result, not an error: the
// endpoint is saved whatever the ping met.
import type { WebhookVerification } from "./queries";

export type VerificationWords = {
  delivered: boolean;
  /** The badge: "delivered", "HTTP 500", "timed out". */
  label: string;
  /** One sentence on what happened and, after a failure, where to look. */
  detail: string;
};

const NO_ANSWER: Record<NonNullable<WebhookVerification["error_code"]>, Omit<VerificationWords, "delivered">> = {
  webhook_timeout: { label: "timed out", detail: "Your endpoint did not answer within 10 seconds." },
  webhook_unreachable: { label: "unreachable", detail: "We could not connect: the connection was refused, or DNS or TLS failed." },
  webhook_url_forbidden: { label: "not sent", detail: "The host resolves to a private or local address, which we never send to." },
};

function statusHint(status: number): string {
  if (status >= 300 && status < 400) return "It answered with a redirect, and redirects are never followed: save the final URL.";
  if (status === 401 || status === 403) return "It refused the request: check that it verifies with this endpoint's signing secret.";
  if (status === 404) return "Nothing answers at that path: check the URL.";
  if (status === 410) return "It answered 410 Gone, which asks us to stop sending.";
  if (status === 429) return "It is rate-limiting us.";
  if (status >= 500) return "It failed on its side: its logs say why.";
  return "It did not accept the event: the answer must have a 2xx status.";
}

export function verificationWords(verification: WebhookVerification): VerificationWords {
  if (verification.delivered) {
    const took = verification.response_time_ms === null ? "" : ` in ${verification.response_time_ms} ms`;
    return { delivered: true, label: `HTTP ${verification.status_code ?? 200}`, detail: `Your endpoint accepted the signed test event${took}.` };
  }
  if (verification.error_code) return { delivered: false, ...NO_ANSWER[verification.error_code] };
  if (verification.status_code !== null) return { delivered: false, label: `HTTP ${verification.status_code}`, detail: statusHint(verification.status_code) };
  return { delivered: false, label: "failed", detail: "Your endpoint did not accept the event." };
}
