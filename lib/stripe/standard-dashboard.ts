/**
 * Where the people of an account connected through OAuth (a Standard
 * account) manage it: Stripe's own dashboard, with their own Stripe sign-in.
 * Such accounts have no login links. No server imports: the pages link to it.
 */
export const STANDARD_DASHBOARD_URL = "https://dashboard.stripe.com/";
