"use client";

import { useLayoutEffect, useRef, type ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * A box that scrolls when its content does not fit (a table on a phone, a long
 * JSON body). A keyboard user can only scroll it by focusing it (WCAG 2.1.1),
 * so while it overflows it is a named, focusable region; when everything fits
 * it is a plain box and costs no tab stop.
 *
 * The server renders it focusable (right before hydration, and on the narrow
 * screens where it matters). The correction is made on the element itself in
 * a layout effect, not through state: a dialog's auto-focus runs in a passive
 * effect, after this, so it never lands on a box that then stops being
 * focusable (which would drop focus to the page behind).
 */
export function ScrollRegion({ as: Tag = "div", label, className, children }: { as?: "div" | "pre"; label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label);
        box.tabIndex = 0;
      } else {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("tabindex");
      }
    };
    update();
    // Again whenever the box or its content (rows added) changes size.
    const observer = new ResizeObserver(update);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, [label]);

  return (
    <Tag
      ref={(element: HTMLElement | null) => {
        ref.current = element;
      }}
      // Positioned, so it is the containing block of what is absolutely positioned inside (the
      // sr-only text of a cell): otherwise that text is placed outside the scrolled box and
      // widens the whole page on a phone.
      className={cn("relative", className)}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </Tag>
  );
}
