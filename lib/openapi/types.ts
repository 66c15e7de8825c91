import type { RouteDefinition } from "@/lib/http/route";

/** A row of an endpoint's error table in docs/api.md: `| 409 | `a`, `b` | when |`. */
export type DocErrorRow = { status: number; codes: string[]; when: string };

/** What docs/api.md says of one endpoint, read when the registry is generated. */
export type EndpointDoc = {
  /** The "## Area" the endpoint is documented under: its tag. */
  tag: string;
  description?: string;
  /** The "**Access:**" line. */
  access?: string;
  success_status?: number;
  example?: unknown;
  errors: DocErrorRow[];
};

export type TagDoc = { name: string; description?: string };

/** One route file as the registry lists it: its URL template (trailing slash kept) and its exports. */
export type RouteRegistryEntry = {
  path: string;
  file: string;
  /** Path parameter as documented (snake_case) → the folder's own name ([paymentId]). */
  params: Record<string, string>;
  /** The route file's header comment, after the dash. */
  summary: string;
  module: Record<string, unknown>;
};

/** A method export built by apiRoute carries what it accepts. */
export type DefinedHandler = ((...args: never[]) => unknown) & { definition: RouteDefinition };
