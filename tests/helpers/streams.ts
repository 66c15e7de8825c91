import { NextRequest } from "next/server";
import { BASE_URL } from "./api";

/**
 * A request body sent in chunks without Content-Length (or with a lying one),
 * as a client streaming "Transfer-Encoding: chunked" would; it records how
 * much was read and whether the reader cancelled it.
 */
export function chunkedBody(totalBytes: number, chunkBytes = 16 * 1024) {
  const chunk = new Uint8Array(chunkBytes).fill(0x61);
  const seen = { pulledBytes: 0, cancelled: false, totalBytes };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulledBytes >= totalBytes) return controller.close();
      seen.pulledBytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

/** A POST whose body is a stream; `contentLength` sets the header to any value, true or not. */
export function streamingRequest(path: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}, contentLength?: number) {
  const all = new Headers(headers);
  if (contentLength !== undefined) all.set("content-length", String(contentLength));
  return new NextRequest(new URL(path, BASE_URL), { method: "POST", headers: all, body: stream, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}
