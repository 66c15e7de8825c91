import { NextRequest } from "next/server";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { GET } from "@/app/api/auth/[...nextauth]/route";
import { BASE_URL } from "./api";

/**
 * Calls next-auth's own route handler (`/api/auth/<segments>`) the way Next
 * would: next-auth reads the request's cookies and headers through
 * `next/headers`, which only answer inside a request scope, so the call runs
 * in one (see setup-next-runtime.ts).
 */
export async function callNextAuthGet(segments: string[], cookieHeader?: string) {
  const request = new NextRequest(new URL(`/api/auth/${segments.join("/")}`, BASE_URL), {
    headers: cookieHeader ? { cookie: cookieHeader } : {},
  });
  // Internal stores: only their `route` and request fields are read on this path.
  const requestStore = createRequestStoreForAPI(request, request.nextUrl, undefined as never, undefined, undefined as never, undefined);
  const workStore = { route: "/api/auth/[...nextauth]" } as never;
  const response = await workAsyncStorage.run(workStore, () =>
    workUnitAsyncStorage.run(requestStore, () => GET(request, { params: Promise.resolve({ nextauth: segments }) })),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, setCookies: response.headers.getSetCookie() };
}
