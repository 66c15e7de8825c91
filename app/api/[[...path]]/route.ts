// * /api, /api/v1 and any other /api path no route answers — public: the API's error shape, not Next's HTML 404
import { apiError, toErrorResponse } from "@/lib/http/errors";
import { withRequestId } from "@/lib/http/request-context";

function unknownPath(): Promise<Response> {
  return withRequestId(() => toErrorResponse(apiError("not_found", "No API endpoint at this path. See the API reference in the README.")));
}

export {
  unknownPath as GET,
  unknownPath as POST,
  unknownPath as PUT,
  unknownPath as PATCH,
  unknownPath as DELETE,
  unknownPath as OPTIONS,
};
