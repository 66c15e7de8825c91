-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "eventTypes" JSONB,
ADD COLUMN     "lastVerification" JSONB,
ADD COLUMN     "previousSecretEncrypted" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMP(3),
ADD COLUMN     "previousSecretLast4" TEXT;

-- CreateTable
CREATE TABLE "StripeAccountSnapshot" (
    "tenantId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "balance" JSONB NOT NULL,
    "payouts" JSONB NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "StripeAccountSnapshot_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "StripeAccountSnapshot" ADD CONSTRAINT "StripeAccountSnapshot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
