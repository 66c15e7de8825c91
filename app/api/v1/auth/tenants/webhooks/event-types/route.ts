// GET /api/v1/auth/tenants/webhooks/event-types/ — admin+: the catalog of event types, with examples and JSON Schemas
import { apiRoute } from "@/lib/http/route";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = apiRoute({ access: "admin" }, async () => {
  return Response.json({ data: EVENT_TYPES });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
