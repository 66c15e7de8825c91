// GET /api/health/ — public: the process is up and answering (no database round trip)
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
