/**
 * Stripe's test PaymentMethods the simulator knows (the `pm_card_…` ids of
 * Stripe's testing documentation): three that succeed, two that decline.
 * Any other id is answered as a PaymentMethod that does not exist.
 */
export type TestCard = {
  brand: string;
  last4: string;
  country: string;
  /** Absent for a card that succeeds. */
  decline?: { declineCode: string; message: string };
};

export const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: "visa", last4: "4242", country: "US" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", country: "US" },
  pm_card_amex: { brand: "amex", last4: "8431", country: "US" },
  pm_card_chargeDeclined: { brand: "visa", last4: "0002", country: "US", decline: { declineCode: "generic_decline", message: "Your card was declined." } },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: "visa",
    last4: "9995",
    country: "US",
    decline: { declineCode: "insufficient_funds", message: "Your card has insufficient funds." },
  },
};

export const testCard = (paymentMethod: string): TestCard | null => (Object.hasOwn(TEST_CARDS, paymentMethod) ? TEST_CARDS[paymentMethod] : null);
