-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN "stripeConnectGeneration" INTEGER NOT NULL DEFAULT 0;
