-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN "eventTypes" JSONB;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "lastVerification" JSONB;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "previousSecretEncrypted" TEXT;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "previousSecretExpiresAt" DATETIME;
ALTER TABLE "WebhookEndpoint" ADD COLUMN "previousSecretLast4" TEXT;

-- CreateTable
CREATE TABLE "StripeAccountSnapshot" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "balance" JSONB NOT NULL,
    "payouts" JSONB NOT NULL,
    "fetchedAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    CONSTRAINT "StripeAccountSnapshot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
