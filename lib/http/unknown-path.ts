import { apiError, toErrorResponse } from "@/lib/http/errors";
import { withRequestId } from "@/lib/http/request-context";

/** The answer of an /api path no route serves: a JSON 404 in the API's error shape, not Next's HTML page. */
export function unknownApiPath(): Promise<Response> {
  return withRequestId(() => toErrorResponse(apiError("not_found", "No API endpoint at this path. See the API reference in the README.")));
}
