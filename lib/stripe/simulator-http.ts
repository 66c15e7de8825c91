import { handleSimulatorRequest } from "./simulator";

/** Adapts a Fetch API request (Next route or test server) to the simulator. */
export async function simulatorResponse(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const params = req.method === "GET" ? url.searchParams : new URLSearchParams(await req.text());
  const answer = await handleSimulatorRequest(req.method, url.pathname.replace(/\/+$/, ""), params, req.headers.get("authorization"));
  return Response.json(answer.body, { status: answer.status, headers: { "request-id": `req_sim${Date.now()}` } });
}
