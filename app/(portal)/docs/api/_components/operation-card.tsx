import type { ReactNode } from "react";
import { Prose } from "./prose";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-field";
import type { FieldRow, OperationView, ParameterView } from "@/lib/openapi/view";
import { cn } from "@/lib/utils";

// Meaning colours only: a DELETE destroys something; every other method is told apart by its name.
const METHOD_TONE: Record<string, BadgeTone> = { GET: "grey", POST: "accent", PUT: "accent", PATCH: "accent", DELETE: "red" };

function statusTone(status: string): BadgeTone {
  if (status.startsWith("2")) return "green";
  if (status.startsWith("4")) return "amber";
  return "red";
}

function SubHeading({ children }: { children: ReactNode }) {
  return <h4 className="mb-2 text-xs font-medium uppercase tracking-wide text-zinc-500">{children}</h4>;
}

/**
 * A field table that turns into stacked label: value rows below the sm breakpoint
 * (each cell names its column), so nothing scrolls sideways on a phone.
 */
function FieldTable({ label, rows }: { label: string; rows: { key: string; cells: { column: string; content: ReactNode; className?: string }[] }[] }) {
  const columns = rows[0]?.cells.map((cell) => cell.column) ?? [];
  return (
    <table aria-label={label} className="block w-full text-left text-sm sm:table">
      <thead className="sr-only sm:not-sr-only sm:table-header-group">
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col" className="border-b border-zinc-200 py-2 pr-4 text-xs font-medium uppercase tracking-wide text-zinc-500">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="block sm:table-row-group">
        {rows.map((row) => (
          <tr key={row.key} className="block border-b border-zinc-100 py-2 sm:table-row sm:py-0">
            {row.cells.map((cell) => (
              <td
                key={cell.column}
                data-label={cell.column}
                className={cn(
                  "flex gap-2 py-0.5 align-top before:w-24 before:shrink-0 before:text-xs before:text-zinc-500 before:content-[attr(data-label)] sm:table-cell sm:py-2 sm:pr-4 sm:before:hidden",
                  cell.className,
                )}
              >
                <div className="min-w-0 break-words">{cell.content}</div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rules({ rules, description }: { rules: string[]; description?: string }) {
  if (rules.length === 0 && !description) return <span className="text-zinc-400">—</span>;
  return (
    <div className="space-y-0.5 text-zinc-600">
      {description ? <p>{description}</p> : null}
      {rules.map((rule) => (
        <p key={rule} className="break-all font-mono text-xs">
          {rule}
        </p>
      ))}
    </div>
  );
}

const required = (yes: boolean) => (yes ? <span className="font-medium text-zinc-900">required</span> : <span className="text-zinc-500">optional</span>);

function parameterRows(parameters: ParameterView[]) {
  return parameters.map((parameter) => ({
    key: `${parameter.in}:${parameter.name}`,
    cells: [
      { column: "Name", content: <code className="font-mono text-zinc-900">{parameter.name}</code> },
      { column: "In", content: parameter.in },
      { column: "Type", content: <span className="font-mono text-xs">{parameter.type}</span> },
      { column: "Required", content: required(parameter.required) },
      { column: "Rules", content: <Rules rules={parameter.constraints} description={parameter.description} /> },
    ],
  }));
}

function fieldRows(fields: FieldRow[]) {
  return fields.map((field) => ({
    key: field.name,
    cells: [
      {
        column: "Field",
        content: (
          <code className="font-mono text-zinc-900" style={{ paddingLeft: `${field.depth}rem` }}>
            {field.name}
          </code>
        ),
      },
      { column: "Type", content: <span className="font-mono text-xs">{field.type}</span> },
      { column: "Required", content: required(field.required) },
      { column: "Rules", content: <Rules rules={field.constraints} description={field.description} /> },
    ],
  }));
}

export function OperationCard({ operation }: { operation: OperationView }) {
  const titleId = `${operation.id}-title`;
  return (
    <article id={operation.id} aria-labelledby={titleId} className="scroll-mt-4 rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="border-b border-zinc-200 px-5 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={titleId} className="flex min-w-0 flex-wrap items-center gap-2">
            <Badge tone={METHOD_TONE[operation.method] ?? "grey"} className="font-mono">
              {operation.method}
            </Badge>
            <span className="break-all font-mono text-sm font-medium text-zinc-900">{operation.path}</span>
          </h3>
          <CopyButton compact value={operation.path} label={`path ${operation.method} ${operation.path}`} />
        </div>
        <p className="mt-2 text-sm text-zinc-700">
          <Prose text={operation.summary} />
        </p>
        <p className="mt-2 text-sm">
          <span className="text-zinc-500">Who may call: </span>
          <span className="font-medium text-zinc-900">{operation.accessLabel}</span>
        </p>
        {operation.accessNote ? (
          <p className="mt-1 text-sm text-zinc-600">
            <Prose text={operation.accessNote} />
          </p>
        ) : null}
      </header>
      <div className="space-y-5 px-5 py-4">
        {operation.description && operation.description !== operation.summary ? (
          <p className="max-w-prose text-sm text-zinc-700">
            <Prose text={operation.description} />
          </p>
        ) : null}

        {operation.parameters.length > 0 ? (
          <div>
            <SubHeading>Parameters</SubHeading>
            <FieldTable label={`Parameters of ${operation.method} ${operation.path}`} rows={parameterRows(operation.parameters)} />
          </div>
        ) : null}

        {operation.body ? (
          <div>
            <SubHeading>Request body (JSON{operation.body.required ? "" : ", may be empty"})</SubHeading>
            {operation.body.fields.length > 0 ? (
              <FieldTable label={`Request body of ${operation.method} ${operation.path}`} rows={fieldRows(operation.body.fields)} />
            ) : (
              <p className="text-sm text-zinc-600">No fields: send an empty body or {"{}"}.</p>
            )}
          </div>
        ) : null}

        <div>
          <SubHeading>Responses</SubHeading>
          <ul className="space-y-2 text-sm">
            {operation.responses.map((response) => (
              <li key={response.status} className="flex flex-col gap-1 sm:flex-row sm:gap-3">
                <span className="shrink-0">
                  <Badge tone={statusTone(response.status)} className="font-mono tabular-nums">
                    {response.status}
                  </Badge>
                </span>
                {response.codes.length === 0 ? (
                  <span className="text-zinc-700">{response.description}</span>
                ) : (
                  <ul className="min-w-0 space-y-0.5">
                    {response.codes.map((code) => (
                      <li key={code.code} className="text-zinc-700">
                        <code className="font-mono text-zinc-900">{code.code}</code>
                        <span className="text-zinc-500"> — </span>
                        <Prose text={code.when} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>

        <div>
          <div className="mb-2 flex items-center justify-between gap-2">
            <SubHeading>Example</SubHeading>
            <CopyButton compact value={operation.curl} label={`curl example for ${operation.method} ${operation.path}`} />
          </div>
          <pre className="whitespace-pre-wrap break-all rounded-md bg-zinc-900 p-3 font-mono text-xs leading-5 text-zinc-100">
            {operation.curl}
          </pre>
        </div>
      </div>
    </article>
  );
}
