// GET /api/metrics/ — the holder of METRICS_TOKEN: the Prometheus metrics of this process; 404 while no token is configured
import { env } from "@/lib/env";
import { AppError, toErrorResponse } from "@/lib/http/errors";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { withRequestId } from "@/lib/http/request-context";
import { unknownApiPath } from "@/lib/http/unknown-path";
import { metricsAccess } from "@/lib/metrics/access";
import { metricsText } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

// Outside the route wrapper: a scrape is neither an API request to count nor one to log.
export function GET(req: Request) {
  const access = metricsAccess(req.headers, env().metricsToken);
  if (access === "off") return unknownApiPath();
  return withRequestId(async () => {
    if (access === "denied") {
      return toErrorResponse(
        new AppError("unauthorized", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.", undefined, { "WWW-Authenticate": 'Bearer realm="metrics"' }),
      );
    }
    const { contentType, body } = await metricsText();
    return new Response(body, { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
