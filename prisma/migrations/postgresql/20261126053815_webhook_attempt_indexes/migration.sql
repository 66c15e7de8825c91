-- DropIndex
DROP INDEX "WebhookAttempt_messageId_attemptNumber_idx";

-- CreateIndex
CREATE INDEX "WebhookAttempt_tenantId_finishedAt_idx" ON "WebhookAttempt"("tenantId", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookAttempt_messageId_attemptNumber_key" ON "WebhookAttempt"("messageId", "attemptNumber");
