-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN "apiRateLimitLive" INTEGER;
ALTER TABLE "Tenant" ADD COLUMN "apiRateLimitTest" INTEGER;

-- CreateTable
CREATE TABLE "ApiUsageMinute" (
    "keyId" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "minute" INTEGER NOT NULL,
    "tenantId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "clientErrors" INTEGER NOT NULL DEFAULT 0,
    "serverErrors" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "latencyLe1" INTEGER NOT NULL DEFAULT 0,
    "latencyLe2" INTEGER NOT NULL DEFAULT 0,
    "latencyLe5" INTEGER NOT NULL DEFAULT 0,
    "latencyLe10" INTEGER NOT NULL DEFAULT 0,
    "latencyLe25" INTEGER NOT NULL DEFAULT 0,
    "latencyLe50" INTEGER NOT NULL DEFAULT 0,
    "latencyLe100" INTEGER NOT NULL DEFAULT 0,
    "latencyLe250" INTEGER NOT NULL DEFAULT 0,
    "latencyLe500" INTEGER NOT NULL DEFAULT 0,
    "latencyLe1000" INTEGER NOT NULL DEFAULT 0,
    "latencyLe2500" INTEGER NOT NULL DEFAULT 0,
    "latencyLe5000" INTEGER NOT NULL DEFAULT 0,
    "latencyLe10000" INTEGER NOT NULL DEFAULT 0,
    "latencyOver" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("keyId", "route", "minute"),
    CONSTRAINT "ApiUsageMinute_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiUsageMinute_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiUsageHour" (
    "keyId" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "tenantId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "clientErrors" INTEGER NOT NULL DEFAULT 0,
    "serverErrors" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "latencyLe1" INTEGER NOT NULL DEFAULT 0,
    "latencyLe2" INTEGER NOT NULL DEFAULT 0,
    "latencyLe5" INTEGER NOT NULL DEFAULT 0,
    "latencyLe10" INTEGER NOT NULL DEFAULT 0,
    "latencyLe25" INTEGER NOT NULL DEFAULT 0,
    "latencyLe50" INTEGER NOT NULL DEFAULT 0,
    "latencyLe100" INTEGER NOT NULL DEFAULT 0,
    "latencyLe250" INTEGER NOT NULL DEFAULT 0,
    "latencyLe500" INTEGER NOT NULL DEFAULT 0,
    "latencyLe1000" INTEGER NOT NULL DEFAULT 0,
    "latencyLe2500" INTEGER NOT NULL DEFAULT 0,
    "latencyLe5000" INTEGER NOT NULL DEFAULT 0,
    "latencyLe10000" INTEGER NOT NULL DEFAULT 0,
    "latencyOver" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("keyId", "route", "hour"),
    CONSTRAINT "ApiUsageHour_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiUsageHour_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiRequestLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "errorCode" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ApiRequestLog_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiRequestLog_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ApiUsageMinute_tenantId_minute_idx" ON "ApiUsageMinute"("tenantId", "minute");

-- CreateIndex
CREATE INDEX "ApiUsageMinute_minute_idx" ON "ApiUsageMinute"("minute");

-- CreateIndex
CREATE INDEX "ApiUsageHour_tenantId_hour_idx" ON "ApiUsageHour"("tenantId", "hour");

-- CreateIndex
CREATE INDEX "ApiUsageHour_hour_idx" ON "ApiUsageHour"("hour");

-- CreateIndex
CREATE INDEX "ApiRequestLog_tenantId_createdAt_id_idx" ON "ApiRequestLog"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ApiRequestLog_tenantId_keyId_createdAt_idx" ON "ApiRequestLog"("tenantId", "keyId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiRequestLog_createdAt_idx" ON "ApiRequestLog"("createdAt");
