import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/utils";
import { ScrollRegion } from "./scroll-region";

/*
 * Every table is a table from the md breakpoint up, and below it (phones; the sidebar collapses
 * at lg, so md is about where 640 px of columns stop fitting) each body row is a card of
 * "label: value" lines with the row's actions along its foot, instead of a table to scroll sideways.
 *
 * Only CSS changes between the two, so there is one markup for both. A table element given
 * another `display` can lose its table semantics in some browsers; the explicit roles keep them,
 * and the header row stays in the page (visually hidden), so a screen reader still hears each
 * cell's column. The visible label a cell shows on a phone is therefore hidden from it: it would
 * be read twice.
 */

/** `label` names the table, and the region it scrolls in on the in-between widths where it still does not fit. */
export function Table({ className, label, ...props }: HTMLAttributes<HTMLTableElement> & { label: string }) {
  return (
    // The focus ring sits inside the card: the region reaches the card's edges.
    <ScrollRegion label={label} className="-mx-5 overflow-x-auto focus-visible:-outline-offset-2 max-md:mx-0">
      <table
        // Redundant while the table is laid out as one; see above for the phone layout.
        role="table"
        aria-label={label}
        className={cn(
          "w-full min-w-[640px] text-left text-sm",
          "max-md:block max-md:min-w-0 max-md:[&>colgroup]:hidden max-md:[&>tbody]:grid max-md:[&>tbody]:gap-3 max-md:[&>thead]:sr-only",
          className,
        )}
        {...props}
      />
    </ScrollRegion>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" role="columnheader" className={cn("border-b border-zinc-200 px-5 py-2 text-xs font-medium uppercase tracking-wide text-zinc-500", className)} {...props} />;
}

type TdProps = TdHTMLAttributes<HTMLTableCellElement> & {
  /** The column's name, shown beside the value on a phone. Leave it out for a cell that names the row itself (its title). */
  label?: string;
  /** The row's buttons and links: on a phone they sit together along the foot of the card. */
  actions?: boolean;
};

// On a phone the cell's own padding and borders give way to the card's (important: tables narrow
// their desktop cells with first:/last: padding, whose selectors would otherwise win).
const phoneCell = "max-md:min-w-0 max-md:max-w-none max-md:[overflow-wrap:anywhere] max-md:border-b-0 max-md:px-0! max-md:text-left max-md:whitespace-normal";

export function Td({ className, label, actions = false, children, ...props }: TdProps) {
  const layout = actions
    ? "max-md:mt-1 max-md:flex max-md:flex-wrap max-md:items-center max-md:justify-end max-md:gap-2 max-md:border-t max-md:border-zinc-100 max-md:pt-2! max-md:pb-0!"
    : label
      ? "max-md:grid max-md:grid-cols-[7rem_minmax(0,1fr)] max-md:items-baseline max-md:gap-x-3 max-md:py-1"
      : "max-md:block max-md:py-1";
  return (
    <td role="cell" className={cn("border-b border-zinc-100 px-5 py-2.5 align-top", phoneCell, layout, className)} {...props}>
      {label ? (
        <>
          <span aria-hidden className="text-xs font-medium tracking-wide text-zinc-500 uppercase md:hidden">
            {label}
          </span>
          <div className="min-w-0">{children}</div>
        </>
      ) : (
        children
      )}
    </td>
  );
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr role="row" className={cn("hover:bg-zinc-50 max-md:block max-md:rounded-md max-md:border max-md:border-zinc-200 max-md:px-3 max-md:py-2", className)} {...props} />;
}
