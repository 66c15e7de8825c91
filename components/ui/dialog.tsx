"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

const PLACEMENT = {
  centre: "top-1/2 left-1/2 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-lg border",
  // A detail panel: the list stays in view beside it on wide screens, and it takes the whole phone screen.
  side: "inset-y-0 right-0 h-full w-full max-w-xl border-l",
} as const;

/**
 * A modal on Radix Dialog: focus is trapped, Escape and the close button
 * dismiss it, and the title and description name exactly what will happen.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  placement = "centre",
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  placement?: keyof typeof PLACEMENT;
  children: ReactNode;
}) {
  // Radix returns focus only to a Dialog.Trigger; these dialogs are opened by plain
  // buttons (and table rows' buttons), so remember what had focus and go back there.
  const returnFocusTo = useRef<HTMLElement | null>(null);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-zinc-900/40" />
        <DialogPrimitive.Content
          onOpenAutoFocus={() => {
            returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          onCloseAutoFocus={(event) => {
            const target = returnFocusTo.current;
            returnFocusTo.current = null;
            if (target?.isConnected) {
              event.preventDefault();
              target.focus();
            }
          }}
          className={cn("fixed z-50 overflow-y-auto border-zinc-200 bg-white p-6 shadow-xl focus:outline-none", PLACEMENT[placement])}>
          <div className="mb-4 pr-8">
            <DialogPrimitive.Title className="text-lg font-semibold text-zinc-900">{title}</DialogPrimitive.Title>
            {description ? (
              <DialogPrimitive.Description className="mt-1 text-sm text-zinc-600">{description}</DialogPrimitive.Description>
            ) : (
              <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>
            )}
          </div>
          {children}
          <DialogPrimitive.Close
            className="absolute top-4 right-4 rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
            aria-label="Close"
          >
            <X aria-hidden className="size-4" />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

/**
 * The foot of every dialog that asks for something: the API's refusal (or the
 * form's own) right above the buttons, Cancel, and the dialog's one action.
 */
export function DialogActions({ error, errorTestId, onCancel, children }: { error?: ReactNode; errorTestId?: string; onCancel: () => void; children: ReactNode }) {
  return (
    <>
      {error ? (
        <p className="text-sm text-red-600" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        {children}
      </div>
    </>
  );
}
