import { redirect } from "next/navigation";
import { portalPage, portalPageMetadata } from "@/components/shell/portal-page";

export const metadata = portalPageMetadata("/requests");

// /requests/req_… is the address people build from a request id by hand; the log opens it in its detail panel.
export default portalPage("/requests", ({ params }) => {
  const id = typeof params.requestId === "string" ? params.requestId : "";
  redirect(`/requests?request=${encodeURIComponent(id)}`);
});
