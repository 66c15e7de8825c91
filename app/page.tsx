import { redirect } from "next/navigation";
import { optionalPageCaller } from "@/lib/auth/current-caller";

// Straight to where the visitor belongs: the dashboard when signed in, the sign-in page otherwise.
export default async function Home() {
  redirect((await optionalPageCaller()) ? "/dashboard" : "/login");
}
