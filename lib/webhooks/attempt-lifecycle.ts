// What follows a webhook attempt, decided from facts alone: no database, no
// clock of its own. attempt-runner.ts gathers the facts and applies the
// decision, so every rule of the lifecycle is visible (and tested) here.

import { nextRetryDelayMs, parseRetryAfter } from "./retry-schedule";
import { WEBHOOK_ATTEMPT_STATE, WEBHOOK_ATTEMPT_TRIGGER, type WebhookAttemptTrigger } from "@/lib/statuses";

/** An endpoint whose deliveries have failed without a success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3_600_000;

export type AttemptTrigger = WebhookAttemptTrigger;

/** The endpoint as it is now, read in the transaction that records the result. */
export type EndpointFacts = { url: string | null; enabled: boolean; failingSince: Date | null };

type SendableEndpoint = Pick<EndpointFacts, "url" | "enabled">;
export type SendDecision<E extends SendableEndpoint> = { kind: "send"; url: string; endpoint: E } | { kind: "cancel"; reason: string };

/** Attempts the workers send on their own: they stop at a disabled endpoint and follow the retry schedule. */
const WORKER_TRIGGERS: ReadonlySet<AttemptTrigger> = new Set([WEBHOOK_ATTEMPT_TRIGGER.scheduled, WEBHOOK_ATTEMPT_TRIGGER.recovery]);

/**
 * Before sending: scheduled and recovered deliveries stop at a disabled
 * endpoint, while a person's test or retry may still try it (that is how a fix
 * is checked).
 */
export function decideBeforeSend<E extends SendableEndpoint>(endpoint: E | null, trigger: AttemptTrigger): SendDecision<E> {
  if (!endpoint?.url) return { kind: "cancel", reason: "No endpoint URL is configured." };
  if (!endpoint.enabled && WORKER_TRIGGERS.has(trigger)) return { kind: "cancel", reason: "The endpoint is disabled." };
  return { kind: "send", url: endpoint.url, endpoint };
}

/**
 * How many attempts the message's current retry schedule has made: its
 * scheduled attempts since its latest recovery attempt (which counts as the
 * first of a fresh schedule), or since the start when it was never recovered.
 * A recovery follows an outage someone has fixed; if the receiver still fails,
 * the message gets the whole schedule again rather than one last try.
 */
export function attemptsInCurrentSchedule(attempts: readonly { trigger: string; attemptNumber: number }[]): number {
  const restart = Math.max(0, ...attempts.filter((attempt) => attempt.trigger === WEBHOOK_ATTEMPT_TRIGGER.recovery).map((attempt) => attempt.attemptNumber));
  return attempts.filter((attempt) => WORKER_TRIGGERS.has(attempt.trigger as AttemptTrigger) && attempt.attemptNumber >= restart).length;
}

export type SucceededAttemptFacts = {
  outcome: typeof WEBHOOK_ATTEMPT_STATE.succeeded;
  attemptNumber: number;
  /** The endpoint had failures without a success since (failingSince is set). */
  endpointFailing: boolean;
};

export type FailedAttemptFacts = {
  outcome: typeof WEBHOOK_ATTEMPT_STATE.failed;
  trigger: AttemptTrigger;
  /** The receiver's status code; null when there was no HTTP answer (timeout, unreachable, refused). */
  statusCode: number | null;
  retryAfterHeader?: string;
  /** The attempt's lease went to another worker before the result was recorded: that worker's record wins. */
  leaseLost: boolean;
  /** Another attempt of the same message got through meanwhile. */
  messageDelivered: boolean;
  /**
   * The attempt went to a configuration not saved yet (the verification ping
   * sent before a save commits), so its failure says nothing about the stored endpoint.
   */
  endpointUnsaved: boolean;
  endpoint: EndpointFacts | null;
  /** Attempts of this message's current retry schedule, this one included (attemptsInCurrentSchedule). */
  scheduledAttempts: number;
  /** When the message's next scheduled attempt is due, if one is waiting. */
  pendingScheduledAt: Date | null;
};

export type AttemptFacts = SucceededAttemptFacts | FailedAttemptFacts;

export type AttemptDecision =
  /** Mark the message delivered; cancel its other waiting attempts and clear the endpoint's failing streak when there are any. */
  | { kind: "delivered"; cancelWaitingAttempts: boolean; clearFailingSince: boolean }
  /** Schedule another attempt at `at`; the message is failing. */
  | { kind: "retry"; at: Date; startFailingSince: boolean }
  /** A failed manual retry: the retry already scheduled stays, and the message is failing until then. */
  | { kind: "keep_scheduled"; at: Date; startFailingSince: boolean }
  /** Nothing more will be sent for this message: it failed. */
  | { kind: "give_up"; startFailingSince: boolean }
  /** The message failed and the endpoint is disabled: scheduled deliveries to it stop. */
  | { kind: "disable_endpoint"; reason: string }
  /** Leave everything as it is. */
  | { kind: "nothing" };

export const DISABLE_REASONS = {
  gone: "The endpoint answered 410 Gone.",
  failingTooLong: "Deliveries have failed for 5 days without a success.",
} as const;

/** Rules, in order: the first that applies decides. */
export function decideAfterAttempt(facts: AttemptFacts, now: Date, random: () => number = Math.random): AttemptDecision {
  if (facts.outcome === WEBHOOK_ATTEMPT_STATE.succeeded) {
    return { kind: "delivered", cancelWaitingAttempts: facts.attemptNumber > 1, clearFailingSince: facts.endpointFailing };
  }
  if (facts.leaseLost || facts.messageDelivered) return { kind: "nothing" };
  // The ping's answer is reported to the person saving; the stored endpoint's streak and state are not its to change.
  if (facts.endpointUnsaved) return { kind: "give_up", startFailingSince: false };
  // Removed or disabled while this attempt was in flight: nothing more is scheduled.
  if (!facts.endpoint?.url || !facts.endpoint.enabled) return { kind: "give_up", startFailingSince: false };
  if (facts.statusCode === 410) return { kind: "disable_endpoint", reason: DISABLE_REASONS.gone };

  const failingSince = facts.endpoint.failingSince ?? now;
  const startFailingSince = facts.endpoint.failingSince === null;
  if (now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
    return { kind: "disable_endpoint", reason: DISABLE_REASONS.failingTooLong };
  }

  // A test is sent once; its answer is the result.
  if (facts.trigger === WEBHOOK_ATTEMPT_TRIGGER.test) return { kind: "give_up", startFailingSince };
  if (facts.trigger === WEBHOOK_ATTEMPT_TRIGGER.manual) {
    return facts.pendingScheduledAt
      ? { kind: "keep_scheduled", at: facts.pendingScheduledAt, startFailingSince }
      : { kind: "give_up", startFailingSince };
  }

  // Scheduled and recovery attempts: a failed recovery is retried like any scheduled delivery.
  // Only 429 and 503 carry a Retry-After worth honouring.
  const retryAfter = facts.statusCode === 429 || facts.statusCode === 503 ? parseRetryAfter(facts.retryAfterHeader, now.getTime()) : null;
  const delay = nextRetryDelayMs(facts.scheduledAttempts, retryAfter, random);
  if (delay === null) return { kind: "give_up", startFailingSince };
  return { kind: "retry", at: new Date(now.getTime() + delay), startFailingSince };
}

/**
 * An endpoint's failing streak after deliveries were paused (the tenant was
 * suspended) and resume at `resumedAt`. Nothing was tried while paused, so
 * the pause does not count towards the 5 days: the streak moves forward by
 * its length. A streak that began during the pause (an attempt already in
 * flight when it started) counts from the resume.
 */
export function failingSinceAfterPause(failingSince: Date | null, pausedAt: Date, resumedAt: Date): Date | null {
  if (failingSince === null) return null;
  if (failingSince.getTime() >= pausedAt.getTime()) return resumedAt;
  return new Date(failingSince.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
}
