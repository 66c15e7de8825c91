"use client";

import { ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * A table row's "open details" action; the row itself opens them too, so the click stops here.
 * A chevron in the table; on a phone, where the row is a card, it says "Details" as well.
 */
export function RowDetailsButton({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className="px-2 max-md:border max-md:border-zinc-300 max-md:pl-3"
      aria-label={`Details of ${id}`}
      title="Details"
      onClick={(event) => {
        event.stopPropagation();
        onOpen(id);
      }}
    >
      <span className="md:hidden">Details</span>
      <ChevronRight aria-hidden className="size-4" />
    </Button>
  );
}
