"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { THEME_LABELS, THEMES, type Theme } from "@/lib/theme";
import { cn } from "@/lib/utils";
import { useTheme } from "./use-theme";

export const THEME_ICONS = { system: Monitor, light: Sun, dark: Moon } satisfies Record<Theme, unknown>;

/** A quiet three-way switch for the signed-out pages (signed in, it is in the account menu). */
export function ThemeSwitcher({ className }: { className?: string }) {
  const [theme, choose] = useTheme();
  return (
    <div role="group" aria-label="Theme" className={cn("inline-flex rounded-md border border-zinc-200 bg-white p-0.5", className)}>
      {THEMES.map((option) => {
        const Icon = THEME_ICONS[option];
        const chosen = option === theme;
        return (
          <button
            key={option}
            type="button"
            aria-pressed={chosen}
            onClick={() => choose(option)}
            className={cn("flex items-center gap-1.5 rounded px-2 py-1 text-xs", chosen ? "bg-zinc-100 font-medium text-zinc-900" : "text-zinc-600 hover:text-zinc-900")}
          >
            <Icon aria-hidden className="size-3.5" />
            {THEME_LABELS[option]}
          </button>
        );
      })}
    </div>
  );
}
