// The dashboard's "Get started" checklist as a pure function of what the
// tenant's data says, so every rule is tested without a database. No server
// imports: the dashboard's client island renders the same steps.

export const CHECKLIST_STEP_IDS = ["connect_stripe", "store_test_key", "call_api", "webhook", "invite_teammate"] as const;
export type ChecklistStepId = (typeof CHECKLIST_STEP_IDS)[number];

/** What the checklist is decided from, read by lib/onboarding/getting-started.ts. */
export type ChecklistFacts = {
  stripeConnected: boolean;
  /** Every test secret key the tenant ever had, revoked ones included: a key used once proves it was stored. */
  testSecretKeys: { stored: boolean; used: boolean; working: boolean }[];
  webhookUrl: string | null;
  /** A test event from the test console reached the receiver with a 2xx answer. */
  testEventDelivered: boolean;
  /** People in the tenant, the viewer included. */
  memberCount: number;
  /** Invitations ever created, whatever became of them. */
  invitationCount: number;
  dismissed: boolean;
};

export type ChecklistStep = {
  id: ChecklistStepId;
  title: string;
  done: boolean;
  /** What to do next, or what was done. */
  detail: string;
  action: { label: string; href: string };
  /** Only an owner can take this step (admins see who can). */
  owner_only: boolean;
};

export type Checklist = {
  steps: ChecklistStep[];
  completed: number;
  total: number;
  /** Shown on the dashboard: not finished and not dismissed. */
  visible: boolean;
  dismissed: boolean;
};

function storeKeyDetail(facts: ChecklistFacts, done: boolean): string {
  if (done) return "A test secret key is stored with your server.";
  if (facts.testSecretKeys.some((key) => key.working)) {
    return "Your test secret key was shown once, at sign-up. If you did not store it, regenerate the test keys on API keys to get one you can.";
  }
  return "You have no working test secret key: regenerate the test keys on API keys and store the new secret.";
}

function webhookDetail(facts: ChecklistFacts, done: boolean): string {
  if (done) return "Your endpoint received a signed test event.";
  if (!facts.webhookUrl) return "Add the URL of your receiver (a local one works in development), then send a test event from the test console.";
  return `Your endpoint is ${facts.webhookUrl}: send a test event from the test console and see it arrive.`;
}

export function decideChecklist(facts: ChecklistFacts): Checklist {
  const used = facts.testSecretKeys.some((key) => key.used);
  const stored = used || facts.testSecretKeys.some((key) => key.stored);
  const webhookDone = facts.webhookUrl !== null && facts.testEventDelivered;
  const invited = facts.memberCount > 1 || facts.invitationCount > 0;
  const steps: ChecklistStep[] = [
    {
      id: "connect_stripe",
      title: "Connect Stripe",
      done: facts.stripeConnected,
      detail: facts.stripeConnected ? "A Stripe account is connected." : "Connect a Stripe account so this tenant can take payments.",
      action: { label: "Connect Stripe", href: "/stripe" },
      owner_only: true,
    },
    {
      id: "store_test_key",
      title: "Store a test secret key",
      done: stored,
      detail: storeKeyDetail(facts, stored),
      action: { label: "Open API keys", href: "/api-keys" },
      owner_only: true,
    },
    {
      id: "call_api",
      title: "Call the platform API",
      done: used,
      detail: used ? "Your test key has called the platform API." : "Run this with your test secret key in place of sk_test_…:",
      action: { label: "API reference", href: "/docs/api" },
      owner_only: false,
    },
    {
      id: "webhook",
      title: "Add a webhook endpoint and send a test event",
      done: webhookDone,
      detail: webhookDetail(facts, webhookDone),
      action: { label: facts.webhookUrl ? "Open the test console" : "Add an endpoint", href: "/webhooks" },
      owner_only: false,
    },
    {
      id: "invite_teammate",
      title: "Invite a teammate",
      done: invited,
      detail: invited ? "Someone else can sign in to this tenant too." : "Invite the people you work with, as admins or members.",
      action: { label: "Invite", href: "/team" },
      owner_only: true,
    },
  ];
  const completed = steps.filter((step) => step.done).length;
  return { steps, completed, total: steps.length, visible: !facts.dismissed && completed < steps.length, dismissed: facts.dismissed };
}

/** The first call to make with a test secret key, against this portal. */
export function firstApiCall(appUrl: string, key = "sk_test_…"): string {
  return `curl -H "Authorization: Bearer ${key}" ${appUrl}/api/v1/account/`;
}
