import { NextRequest } from "next/server";
import { readBodyText } from "@/lib/http/read-body";

// next-auth's forms post a CSRF token, an email, a password and a callback URL: a few hundred bytes.
export const NEXTAUTH_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The request next-auth's handler gets. It would read a body whole whatever
 * its size, so it gets a copy read up to the limit (413 beyond). It knows
 * only GET and POST and answers anything else with a plain-text 400, so a
 * HEAD reaches it as the GET it stands for: the server sends the answer's
 * status and headers without the body, as Next does for every other route.
 */
export async function requestForNextAuth(req: NextRequest): Promise<NextRequest> {
  if (req.method === "HEAD") return new NextRequest(req.url, { method: "GET", headers: req.headers });
  if (req.method === "GET") return req;
  const body = await readBodyText(req, NEXTAUTH_BODY_LIMIT_BYTES);
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body });
}
