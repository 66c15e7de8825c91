import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { resolveCaller, type Caller } from "@/lib/auth/caller";

/** For server components: the signed-in caller, or a redirect to sign-in. */
export async function requirePageCaller(returnTo: string): Promise<Caller> {
  const caller = await resolveCaller(new Headers(), await cookies()).catch(() => null);
  if (!caller) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return caller;
}

/** The caller if signed in, for pages that work both ways. */
export async function optionalPageCaller(): Promise<Caller | null> {
  return resolveCaller(new Headers(), await cookies()).catch(() => null);
}
