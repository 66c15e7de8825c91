"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls when its content does not fit (a table on a phone, a long
 * JSON body). A keyboard user can only scroll it by focusing it (WCAG 2.1.1),
 * so while it overflows it is a named, focusable region; when everything fits
 * it is a plain box and costs no tab stop. It starts out focusable, which is
 * right before hydration and on the narrow screens where it matters.
 */
export function ScrollRegion({ as: Tag = "div", label, className, children }: { as?: "div" | "pre"; label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const [overflows, setOverflows] = useState(true);

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    // Fires once on observe and again whenever the box or its content (rows added) changes size.
    const observer = new ResizeObserver(() => setOverflows(box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight));
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <Tag
      ref={(element: HTMLElement | null) => {
        ref.current = element;
      }}
      className={className}
      {...(overflows ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}
    >
      {children}
    </Tag>
  );
}
