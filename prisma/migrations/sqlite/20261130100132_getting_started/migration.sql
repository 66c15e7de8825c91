-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "storedAt" DATETIME;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN "gettingStartedDismissedAt" DATETIME;
ALTER TABLE "Tenant" ADD COLUMN "gettingStartedDismissedById" TEXT;
