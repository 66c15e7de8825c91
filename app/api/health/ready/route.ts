// GET /api/health/ready/ — public: whether this instance should get traffic (database, Redis, not shutting down)
import { checkReadiness } from "@/lib/health/readiness";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { withRequestId } from "@/lib/http/request-context";

export const dynamic = "force-dynamic";

// Outside the route wrapper on purpose: no caller, no rate limit, no request log, no metrics.
export function GET() {
  return withRequestId(async () => {
    const readiness = await checkReadiness();
    return Response.json(readiness.body, { status: readiness.httpStatus, headers: { "Cache-Control": "no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
