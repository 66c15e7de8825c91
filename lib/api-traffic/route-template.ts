/**
 * The route a request matched, as usage and the request log group it:
 * "GET /v1/payments/{paymentId}/confirm". Built from the path and the route's
 * params (each segment that is a param's value becomes `{name}`), without the
 * /api prefix and the trailing slash, so every payment counts under one route.
 */
export function routeTemplate(method: string, pathname: string, params: Record<string, string | string[]>): string {
  // A route without params has one template per path: worked out once, since it is asked for on every request.
  let hasParams = false;
  for (const name in params) if (Object.hasOwn(params, name)) hasParams = true;
  if (hasParams) return templateOf(method, pathname, params);
  const memoKey = `${method} ${pathname}`;
  let template = staticTemplates.get(memoKey);
  if (template === undefined) {
    if (staticTemplates.size >= MAX_STATIC_TEMPLATES) staticTemplates.clear();
    template = templateOf(method, pathname, params);
    staticTemplates.set(memoKey, template);
  }
  return template;
}

const MAX_STATIC_TEMPLATES = 1_000;
const staticTemplates = new Map<string, string>();

function templateOf(method: string, pathname: string, params: Record<string, string | string[]>): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const segment of Array.isArray(value) ? value : [value]) names.set(segment, name);
  }
  const segments = pathname
    .replace(/^\/api(?=\/)/, "")
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // A malformed escape is kept as sent; it cannot name a param.
      }
      const name = names.get(decoded);
      return name ? `{${name}}` : segment;
    });
  return `${method.toUpperCase()} /${segments.join("/")}`;
}
