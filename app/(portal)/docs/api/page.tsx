import { FileJson } from "lucide-react";
import { OperationCard } from "./_components/operation-card";
import { PageHeader } from "@/components/shell/page-header";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";
import { Button } from "@/components/ui/button";
import { env } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { documentView, type TagView } from "@/lib/openapi/view";

export const metadata = portalPageMetadata("/docs/api");

const OPENAPI_JSON = "/api/v1/openapi.json/";

const tagAnchor = (name: string) => `tag-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

function EndpointIndex({ tags }: { tags: TagView[] }) {
  return (
    <ul className="space-y-4 text-sm">
      {tags.map((tag) => (
        <li key={tag.name}>
          <a href={`#${tagAnchor(tag.name)}`} className="font-medium text-zinc-900 hover:underline">
            {tag.name}
          </a>
          <ul className="mt-1 space-y-0.5">
            {tag.operations.map((operation) => (
              <li key={operation.id}>
                <a href={`#${operation.id}`} className="flex gap-2 rounded px-1 py-0.5 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900">
                  <span className="w-12 shrink-0 font-mono text-xs leading-5 text-zinc-500">{operation.method}</span>
                  <span className="min-w-0 break-words font-mono text-xs leading-5">
                    {/* Long paths break after a slash, not inside a word. */}
                    {operation.path
                      .replace(/^\/api\/v1/, "")
                      .split("/")
                      .map((segment, index) => (
                        <span key={index}>
                          {index > 0 ? "/" : null}
                          {index > 0 ? <wbr /> : null}
                          {segment}
                        </span>
                      ))}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export default portalPage("/docs/api", async ({ page: info }) => {
  const tags = documentView(buildOpenApiDocument(), env().appUrl);
  const count = tags.reduce((sum, tag) => sum + tag.operations.length, 0);
  return (
    <>
      <PageHeader
        title={info.label}
        description={info.description}
        actions={
          <Button asChild variant="secondary" size="sm">
            <a href={OPENAPI_JSON}>
              <FileJson aria-hidden className="size-4" />
              OpenAPI document (JSON)
            </a>
          </Button>
        }
      />
      <p className="mb-6 text-sm text-zinc-600">
        {count} operations. Portal endpoints take the session cookie or <code className="font-mono text-xs">Authorization: Bearer</code> with an
        access token from <code className="font-mono text-xs">POST /api/v1/auth/login/</code>; the platform API takes a secret key (
        <code className="font-mono text-xs">sk_live_…</code> / <code className="font-mono text-xs">sk_test_…</code>). Every error is{" "}
        <code className="font-mono text-xs">{'{"error": {"code", "message", "details"?, "request_id"?}}'}</code> and every answer carries a{" "}
        <code className="font-mono text-xs">Request-Id</code> header. Import <a href={OPENAPI_JSON} className="font-medium text-indigo-700 underline">the OpenAPI 3.1 document</a> into
        your HTTP client or code generator.
      </p>
      <div className="lg:grid lg:grid-cols-[220px_minmax(0,1fr)] lg:gap-8">
        <nav aria-label="Endpoints" className="mb-6 lg:mb-0">
          <details className="rounded-lg border border-zinc-200 bg-white px-4 py-3 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium text-zinc-900">Jump to an endpoint</summary>
            <div className="mt-3">
              <EndpointIndex tags={tags} />
            </div>
          </details>
          <div className="sticky top-4 hidden max-h-[calc(100vh-2rem)] overflow-y-auto pr-2 lg:block">
            <EndpointIndex tags={tags} />
          </div>
        </nav>
        <div className="min-w-0 space-y-10">
          {tags.map((tag) => (
            <section key={tag.name} aria-labelledby={tagAnchor(tag.name)} className="scroll-mt-4">
              <h2 id={tagAnchor(tag.name)} className="scroll-mt-4 text-lg font-semibold text-zinc-900">
                {tag.name}
              </h2>
              {tag.description ? <p className="mt-1 max-w-prose text-sm text-zinc-600">{tag.description}</p> : null}
              <div className="mt-4 space-y-6">
                {tag.operations.map((operation) => (
                  <OperationCard key={operation.id} operation={operation} />
                ))}
              </div>
            </section>
          ))}
        </div>
      </div>
    </>
  );
});
