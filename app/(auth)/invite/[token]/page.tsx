import type { Metadata } from "next";
import Link from "next/link";
import { optionalPageCaller } from "@/lib/auth/current-caller";
import { AppError } from "@/lib/http/errors";
import { lookupInvitation } from "@/lib/team/invitations";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await optionalPageCaller();
  let invitation;
  try {
    ({ invitation } = await lookupInvitation(token));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <div className="space-y-3" data-testid="invitation-problem">
        <h1 className="text-xl font-semibold">This invitation cannot be used</h1>
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {error.message}
        </p>
        <p className="text-sm text-zinc-500">
          {caller ? (
            <Link href="/dashboard" className="font-medium text-indigo-700 hover:underline">
              Go to your dashboard
            </Link>
          ) : (
            <Link href="/login" className="font-medium text-indigo-700 hover:underline">
              Sign in
            </Link>
          )}
        </p>
      </div>
    );
  }
  return <AcceptInvitation token={token} invitation={invitation} signedInAs={caller ? { email: caller.email, name: caller.name, verified: caller.emailVerifiedAt !== null } : null} />;
}
