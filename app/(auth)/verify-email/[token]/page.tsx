import type { Metadata } from "next";
import { VerifyEmail } from "../../_components/verify-email";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

/**
 * Nothing happens on opening the link: mail scanners open links too. The
 * person confirms with a button, which uses the link up.
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <VerifyEmail token={token} />;
}
