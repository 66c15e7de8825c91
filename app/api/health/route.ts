// GET /api/health/ — public: the process is up and answering (no database round trip)
import { otherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
