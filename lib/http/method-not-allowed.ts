import { AppError, toErrorResponse } from "@/lib/http/errors";
import { withRequestId } from "@/lib/http/request-context";

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Marks the fillers, so a test can tell them from real handlers. */
export const METHOD_NOT_ALLOWED = Symbol.for("portal.methodNotAllowed");

type Filler = ((req: Request) => Promise<Response>) & { [METHOD_NOT_ALLOWED]: true };

/** The Allow header of a route: what it implements, plus what Next adds on its own (HEAD for GET, OPTIONS). */
export function allowHeader(implemented: readonly string[]): string {
  const allowed = new Set([...implemented, "OPTIONS"]);
  if (allowed.has("GET")) allowed.add("HEAD");
  return [...allowed].sort().join(", ");
}

/**
 * The methods a route file does not implement, each answering 405 in the
 * API's error shape with an Allow header. Next's own answer for a method a
 * route does not export is a bare 405 with neither, so every route file
 * exports the rest of the methods from here, and OPTIONS (Next's own would
 * list the fillers as allowed):
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
 */
export function otherMethods(implemented: Partial<Record<RouteMethod, unknown>>): Record<RouteMethod, Filler> & { OPTIONS: () => Promise<Response> } {
  const allow = allowHeader(Object.keys(implemented));
  const fillers = { OPTIONS: () => withRequestId(() => new Response(null, { status: 204, headers: { Allow: allow } })) } as Record<RouteMethod, Filler> & {
    OPTIONS: () => Promise<Response>;
  };
  for (const method of ROUTE_METHODS) {
    const filler = ((req: Request) =>
      withRequestId(() =>
        toErrorResponse(
          new AppError("method_not_allowed", `This path does not answer ${req.method}; it answers ${allow}.`, undefined, { Allow: allow }),
        ),
      )) as Filler;
    filler[METHOD_NOT_ALLOWED] = true;
    fillers[method] = filler;
  }
  return fillers;
}
