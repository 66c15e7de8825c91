import { MailWarning } from "lucide-react";
import Link from "next/link";
import { ResendVerificationButton } from "@/components/settings/resend-verification-button";

/**
 * A quiet reminder on every portal page until the person confirms their
 * address. Nothing is blocked meanwhile except accepting invitations, which
 * is why it says so.
 */
export function EmailVerificationBanner({ email }: { email: string }) {
  return (
    <div data-testid="email-verification-banner" className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-zinc-200 bg-zinc-50 px-4 py-2.5 text-sm text-zinc-700">
      <MailWarning aria-hidden className="size-4 shrink-0 text-amber-600" />
      <p className="min-w-0 flex-1 break-words">
        Confirm your email address: we sent a link to <span className="font-medium text-zinc-900">{email}</span>. Until then you cannot accept invitations to
        other organizations.{" "}
        <Link href="/settings/profile" className="font-medium text-indigo-700 hover:underline">
          Profile
        </Link>
      </p>
      <ResendVerificationButton variant="ghost" />
    </div>
  );
}
