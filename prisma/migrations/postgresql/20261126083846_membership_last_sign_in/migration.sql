-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "lastSignInAt" TIMESTAMP(3);
