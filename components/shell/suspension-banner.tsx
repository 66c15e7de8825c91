import { Ban } from "lucide-react";

/**
 * Shown at the top of every portal page while the platform has the tenant
 * suspended. The reason is an operator's free text: React renders it as text,
 * never as markup.
 */
export function SuspensionBanner({ reason }: { reason: string }) {
  return (
    <div role="alert" data-testid="suspension-banner" className="mb-6 flex items-start gap-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
      <Ban aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
      <p className="min-w-0 break-words">
        This tenant is suspended by the platform: <span data-testid="suspension-reason">{reason}</span>. API keys are refused and webhook deliveries are
        paused until it is reactivated.
      </p>
    </div>
  );
}
