import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { resolveCaller, type Caller } from "@/lib/auth/caller";

// One membership lookup per page render, shared by the layout and the page.
const pageCaller = cache(async (): Promise<Caller | null> => resolveCaller(new Headers(), await cookies()).catch(() => null));

/** For server components: the signed-in caller, or a redirect to sign-in. */
export async function requirePageCaller(returnTo: string): Promise<Caller> {
  const caller = await pageCaller();
  if (!caller) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return caller;
}

/** The caller if signed in, for pages that work both ways. */
export async function optionalPageCaller(): Promise<Caller | null> {
  return pageCaller();
}
