/**
 * A Stripe API path as a metric label: each segment that is an object's id
 * (acct_1Nv0FG2eZvKYlo2C, pi_3MtwBwLkdIwHu7ix) becomes `{id}`, so every
 * account and payment counts under one path. Resource names (account_links,
 * payment_intents) are lower case without digits; ids have a digit or a
 * capital after their prefix.
 */
export function stripePathTemplate(path: string): string {
  const bare = path.split("?", 1)[0];
  return bare
    .split("/")
    .map((segment) => (/^[a-z]+_[A-Za-z0-9_]*[A-Z0-9][A-Za-z0-9_]*$/.test(segment) ? "{id}" : segment))
    .join("/");
}
