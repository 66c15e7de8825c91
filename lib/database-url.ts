import path from "node:path";
import { fileURLToPath } from "node:url";

// DATABASE_URL's default and meaning, shared by lib/env (validation) and lib/db (connection).

export const DEFAULT_DATABASE_URL = "file:./.data/portal.db";

export type DatabaseTarget = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

/** Parses DATABASE_URL; throws one clear line for anything unsupported. */
export function databaseTarget(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (url.startsWith("file:")) {
    let file = url.slice("file:".length).replace(/[?#].*$/, "");
    if (file.startsWith("//")) file = fileURLToPath(url.replace(/[?#].*$/, "")); // file:///abs/path
    if (!file) throw new Error(`DATABASE_URL "${url}" names no file`);
    return { provider: "sqlite", file: file === ":memory:" ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL");
}
