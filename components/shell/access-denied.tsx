import { ShieldAlert } from "lucide-react";
import { Card } from "@/components/ui/card";

/** What a person sees on a page their role may not open: the page exists, and who can open it. */
export function AccessDenied({ what, who, how }: { what: string; who: string; how: string }) {
  return (
    <Card>
      <div className="flex items-start gap-3 py-2" role="alert">
        <ShieldAlert aria-hidden className="mt-0.5 size-5 shrink-0 text-amber-600" />
        <div>
          <p className="font-medium text-zinc-900">You do not have access to {what}</p>
          <p className="text-sm text-zinc-600">
            Only {who} can open it. {how}
          </p>
        </div>
      </div>
    </Card>
  );
}
