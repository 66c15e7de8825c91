import { payloadTooLarge } from "@/lib/http/errors";

/** The default limit for JSON API bodies. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a request body as text, refusing more than `limitBytes` even when
 * Content-Length lies or is absent: the stream is cancelled at the limit, so
 * an oversized body is never held in memory whole.
 */
export async function readBodyText(req: Request, limitBytes: number = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw payloadTooLarge(limitBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw payloadTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
