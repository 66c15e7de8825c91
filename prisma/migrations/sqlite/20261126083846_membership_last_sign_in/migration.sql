-- AlterTable
ALTER TABLE "Membership" ADD COLUMN "lastSignInAt" DATETIME;
