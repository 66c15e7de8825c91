"use client";

import { ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

/** A table row's "open details" action; the row itself opens them too, so the click stops here. */
export function RowDetailsButton({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className="px-2"
      aria-label={`Details of ${id}`}
      title="Details"
      onClick={(event) => {
        event.stopPropagation();
        onOpen(id);
      }}
    >
      <ChevronRight aria-hidden className="size-4" />
    </Button>
  );
}
