-- CreateTable
CREATE TABLE "FeeSchedule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "tenantId" TEXT,
    "percentBps" INTEGER NOT NULL,
    "fixed" JSONB,
    "minimum" JSONB,
    "maximum" JSONB,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "FeeSchedule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeeSchedule_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "FeeSchedule_scope_key" ON "FeeSchedule"("scope");

-- CreateIndex
CREATE UNIQUE INDEX "FeeSchedule_tenantId_key" ON "FeeSchedule"("tenantId");
