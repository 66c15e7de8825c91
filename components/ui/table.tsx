import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/utils";
import { ScrollRegion } from "./scroll-region";

/** Scrolls inside its card on narrow screens instead of breaking the page; `label` names the scrolling region for keyboard and screen-reader users. */
export function Table({ className, label, ...props }: HTMLAttributes<HTMLTableElement> & { label: string }) {
  return (
    // The focus ring sits inside the card: the region reaches the card's edges.
    <ScrollRegion label={label} className="-mx-5 overflow-x-auto focus-visible:-outline-offset-2">
      <table className={cn("w-full min-w-[640px] text-left text-sm", className)} {...props} />
    </ScrollRegion>
  );
}
export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("border-b border-zinc-200 px-5 py-2 text-xs font-medium uppercase tracking-wide text-zinc-500", className)} {...props} />;
}
export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("border-b border-zinc-100 px-5 py-2.5 align-top", className)} {...props} />;
}
export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-zinc-50", className)} {...props} />;
}
