import { databaseTarget, Prisma } from "@/lib/db";

/**
 * Many rows as one JSON parameter, read back into rows by the database itself
 * (json_each on SQLite, json_to_recordset on PostgreSQL), for the statements
 * that write a batch in one go. Under load the Prisma client spends more CPU
 * per statement, and per bound parameter, than the work being recorded costs:
 * one parameter for the whole batch keeps a batch of any size to one
 * statement (npm run bench:keys, npm run bench:webhooks).
 */
export type JsonColumnType = "text" | "integer" | "timestamp";

export type JsonRows<C extends string> = {
  /** The FROM item: `json_each(…) AS alias` or `json_to_recordset(…) AS alias(…)`. */
  from: Prisma.Sql;
  /** One column of the current row. */
  column(name: C): Prisma.Sql;
};

/**
 * Timestamps as the Prisma client itself writes them: ISO text ending in
 * +00:00 on SQLite (compared as text, so the form must match), ISO on
 * PostgreSQL (read into `timestamp(3)`).
 */
export function storedTimestamp(at: Date, provider = databaseTarget().provider): string {
  const iso = at.toISOString();
  return provider === "sqlite" ? iso.replace(/Z$/, "+00:00") : iso;
}

export function jsonRows<C extends string>(alias: string, columns: Record<C, JsonColumnType>, rows: ReadonlyArray<Partial<Record<C, unknown>>>): JsonRows<C> {
  const provider = databaseTarget().provider;
  const names = Object.keys(columns) as C[];
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(names.map((name) => [name, row[name] instanceof Date ? storedTimestamp(row[name] as Date, provider) : (row[name] ?? null)]))),
  );
  if (provider === "sqlite") {
    return {
      from: Prisma.sql`json_each(${json}) AS ${Prisma.raw(`"${alias}"`)}`,
      column: (name) => Prisma.raw(`"${alias}".value ->> '${name}'`),
    };
  }
  const sqlType: Record<JsonColumnType, string> = { text: "text", integer: "integer", timestamp: "timestamp(3)" };
  const definition = names.map((name) => `"${name}" ${sqlType[columns[name]]}`).join(", ");
  return {
    from: Prisma.sql`json_to_recordset(${json}::json) AS ${Prisma.raw(`"${alias}"(${definition})`)}`,
    column: (name) => Prisma.raw(`"${alias}"."${name}"`),
  };
}
