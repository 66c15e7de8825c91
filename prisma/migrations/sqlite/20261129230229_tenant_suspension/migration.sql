-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN "suspendedAt" DATETIME;
ALTER TABLE "Tenant" ADD COLUMN "suspendedReason" TEXT;
