// Stripe's requirement keys in plain words, for the Stripe page and the dashboard.
const WORDS: Record<string, string> = {
  external_account: "A bank account for payouts",
  "individual.verification.document": "An identity document for the account representative",
  "individual.id_number": "The representative's ID number",
  "business_profile.url": "The business's website",
  "business_profile.mcc": "The business's industry",
  "tos_acceptance.date": "Acceptance of Stripe's terms of service",
  "company.tax_id": "The company's tax ID",
};

export function requirementInWords(key: string): string {
  return WORDS[key] ?? key.replace(/[._]/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}
