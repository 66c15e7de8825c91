-- AlterTable
ALTER TABLE "User" ADD COLUMN "platformRole" TEXT;
