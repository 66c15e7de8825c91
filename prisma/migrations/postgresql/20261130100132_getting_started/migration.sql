-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "storedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "gettingStartedDismissedAt" TIMESTAMP(3),
ADD COLUMN     "gettingStartedDismissedById" TEXT;
