// Comments must stand alone: a reader of this repository has no issue
// tracker, review thread or design notes kept elsewhere, so a comment that
// says "see issue 4" or points at a document outside the repository explains
// nothing. This scans every source file's comments (TypeScript's own scanner
// finds them, so strings and JSX text are not mistaken for comments) and, for
// document paths, the whole text.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Folders scanned recursively, and single files, relative to the root. */
const SCANNED_DIRS = ["app", "lib", "components", "scripts", "e2e", "tests", "prisma", ".ci"];
const SCANNED_FILES = ["proxy.ts", "instrumentation.ts", "next.config.ts", "prisma.config.ts", "playwright.config.ts", "vitest.config.ts", "eslint.config.mjs", "postcss.config.mjs"];
/** Generated code is not ours to word; this file names the patterns it looks for. */
const SKIPPED = new Set(["node_modules", ".next", "generated", path.join("lib", "repo-conventions.test.ts")]);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const OTHER = /\.(sh|css|prisma|sql)$/;

/** What a comment may not lean on, with what to write instead. */
const COMMENT_RULES: { pattern: RegExp; says: string }[] = [
  { pattern: /\bissues? *#? *\d+/i, says: "names an issue number" },
  { pattern: /(^|[\s(])#\d+\b/, says: "names a ticket or pull request number" },
  { pattern: /\b(the|this|that) issue\b(?! (is|was|with|of|here)\b)/i, says: 'points at "the issue"' },
  { pattern: /\b(the|a) review(er)?\b|\breview (said|asked|found|comment)/i, says: "points at a review" },
  { pattern: /\boriginal service\b/i, says: 'points at "the original service" instead of stating the reason' },
];
/** Documents outside the repository, wherever they are named (comments, strings, scripts). */
const DOCUMENT_RULES: { pattern: RegExp; says: string }[] = [
  { pattern: /\bDESIGN\.md\b/, says: "points at a design document outside the repository" },
  { pattern: /\bUI\.md\b/, says: "points at a UI document outside the repository" },
  { pattern: /(\.\.\/|\/work\/|\b)shared\/[\w./-]*\w/, says: "points at the shared folder outside the repository" },
  { pattern: /\breference\/[\w.-]+\.md\b/, says: "points at a reference document outside the repository" },
];

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    if (SKIPPED.has(path.basename(relative)) || SKIPPED.has(relative)) return;
    const absolute = path.join(ROOT, relative);
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute)) walk(path.join(relative, entry));
    } else if (SOURCE.test(relative) || OTHER.test(relative) || relative === path.join(".ci", "run")) {
      files.push(relative);
    }
  };
  for (const dir of SCANNED_DIRS) walk(dir);
  for (const file of SCANNED_FILES) walk(file);
  return files;
}

type Comment = { line: number; text: string };

/** Every comment of a TypeScript or JavaScript file, found by walking each token's trivia. */
function scriptComments(file: string, text: string): Comment[] {
  const kind = /x$/.test(file) ? ts.ScriptKind.TSX : /\.[mc]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Set<number>();
  const comments: Comment[] = [];
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push({ line: source.getLineAndCharacterOfPosition(range.pos).line + 1, text: text.slice(range.pos, range.end) });
    }
  };
  const visit = (node: ts.Node) => {
    // JSX text is content, not trivia: `// …` inside a <p> is not a comment.
    if (node.kind !== ts.SyntaxKind.JsxText) {
      collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
      collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return comments;
}

/** Comments of shell scripts (`#`), stylesheets and SQL (`/* … *\/`, `--`) and the Prisma schema (`//`). */
function otherComments(file: string, text: string): Comment[] {
  const lines = text.split("\n");
  const marker = file.endsWith(".sh") || file.endsWith("run") ? /(^|\s)#(?!!)(.*)$/ : file.endsWith(".sql") ? /--(.*)$/ : /\/\/(.*)$/;
  const comments = lines.flatMap((line, index) => {
    const match = marker.exec(line);
    return match ? [{ line: index + 1, text: match[0] }] : [];
  });
  for (const match of text.matchAll(/\/\*[\s\S]*?\*\//g)) {
    comments.push({ line: text.slice(0, match.index).split("\n").length, text: match[0] });
  }
  return comments;
}

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    const comments = SOURCE.test(file) ? scriptComments(file, text) : otherComments(file, text);
    for (const comment of comments) {
      for (const rule of COMMENT_RULES) {
        const match = rule.pattern.exec(comment.text);
        if (match) found.push(`${file}:${comment.line}: ${rule.says} ("${match[0].trim()}")`);
      }
    }
    text.split("\n").forEach((line, index) => {
      for (const rule of DOCUMENT_RULES) {
        const match = rule.pattern.exec(line);
        if (match) found.push(`${file}:${index + 1}: ${rule.says} ("${match[0]}")`);
      }
    });
  }
  return found;
}

describe("comments stand alone", () => {
  it("finds the source files and their comments", () => {
    const files = sourceFiles();
    expect(files).toEqual(expect.arrayContaining(["proxy.ts", path.join("lib", "db.ts"), path.join("scripts", "db", "lib.mjs"), path.join(".ci", "run")]));
    expect(files.some((file) => file.includes(`${path.sep}generated${path.sep}`))).toBe(false);
    // Comments of every kind are found, strings are not.
    const sample = [
      "// line",
      "/** block */",
      "const s = '// not a comment';",
      "const el = <p>{/* in JSX */}text // not one either</p>; // trailing",
    ].join("\n");
    expect(scriptComments("sample.tsx", sample).map((comment) => comment.text).sort()).toEqual(["/* in JSX */", "/** block */", "// line", "// trailing"]);
  });

  it("flags each kind of reference a reader cannot follow", () => {
    const flagged = (text: string) => COMMENT_RULES.some((rule) => rule.pattern.test(text)) || DOCUMENT_RULES.some((rule) => rule.pattern.test(text));
    // Assembled, so that this file does not trip its own scan of document names.
    const design = ["DESIGN", "md"].join(".");
    for (const text of [
      "// see issue 4",
      "// Issue #12: retries",
      "// fixed in #231",
      "// as the issue asks",
      "// per the review",
      "// as the original service did",
      `// (${design}, "Security decisions")`,
      "// see ../shared/notes.txt",
      "// summarised in reference/original-service-summary.md",
    ]) {
      expect(flagged(text), text).toBe(true);
    }
    for (const text of ["// issues a new key", "// zod issues, trimmed", "// the issue with SQLite's busy timeout is that", "// reviewed keys", "// see README, Configuration"]) {
      expect(flagged(text), text).toBe(false);
    }
  });

  // Parses every source file of the repository: seconds on a loaded machine, so more than the default 5 s.
  it("no comment points at an issue, a review or a document outside the repository", { timeout: 30_000 }, () => {
    expect(violations()).toEqual([]);
  });
});
