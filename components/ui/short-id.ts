/**
 * req_8fJq…x2Lp: the prefix and the first characters, then the last four — enough to
 * tell rows apart in a list. Ids that are short already stay whole.
 */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
