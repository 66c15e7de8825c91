import { Slot } from "@radix-ui/react-slot";
import { Loader2 } from "lucide-react";
import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/utils";

export const BUTTON_VARIANTS = {
  primary: "bg-indigo-600 text-white shadow-xs hover:bg-indigo-500 disabled:bg-indigo-300",
  secondary: "border border-zinc-300 bg-white text-zinc-800 shadow-xs hover:bg-zinc-50 disabled:text-zinc-400",
  // Darker when hovered: white on the lighter red-500 is 3.8:1, under the 4.5:1 a 14 px label needs.
  danger: "bg-red-600 text-white shadow-xs hover:bg-red-700 disabled:bg-red-300",
  ghost: "text-zinc-700 hover:bg-zinc-100 disabled:text-zinc-400",
  // A destructive action in a table row: quiet until hovered, red so it reads as one.
  "danger-ghost": "text-red-700 hover:bg-red-50 disabled:text-zinc-400",
} as const;

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof BUTTON_VARIANTS;
  size?: "sm" | "md";
  pending?: boolean;
  asChild?: boolean;
};

export function Button({ variant = "primary", size = "md", pending, asChild, className, children, disabled, ...props }: ButtonProps) {
  const classes = cn(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors disabled:cursor-not-allowed",
    size === "sm" ? "h-8 px-3 text-sm" : "h-10 px-4 text-sm",
    BUTTON_VARIANTS[variant],
    className,
  );
  if (asChild) {
    return (
      <Slot className={classes} {...props}>
        {children}
      </Slot>
    );
  }
  return (
    <button className={classes} disabled={disabled || pending} aria-busy={pending || undefined} {...props}>
      {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
      {children}
    </button>
  );
}
