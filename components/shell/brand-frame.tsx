import type { ReactNode } from "react";
import { KeyRound } from "lucide-react";
import { ThemeSwitcher } from "@/components/theme/theme-switcher";

/** The signed-out frame: the product's mark above one centred card (sign-in, sign-up, 404, errors). */
export function BrandFrame({ children }: { children: ReactNode }) {
  return (
    <main id="main-content" tabIndex={-1} className="flex min-h-screen flex-col items-center justify-center px-4 py-12 outline-none">
      <div className="mb-6 flex items-center gap-2 text-zinc-900">
        <span className="flex size-8 items-center justify-center rounded-md bg-indigo-600 text-white">
          <KeyRound aria-hidden className="size-4" />
        </span>
        <span className="text-lg font-semibold">Tenant Admin Portal</span>
      </div>
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm">{children}</div>
      <ThemeSwitcher className="mt-6" />
    </main>
  );
}
