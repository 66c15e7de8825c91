"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { Dialog, DialogActions } from "./dialog";

/**
 * A yes/no dialog for a destructive action whose title and description name
 * exactly what will happen; the API's message shows inside it on failure.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())} title={title} description={description}>
      <div className="space-y-4">
        <DialogActions error={error} errorTestId="confirm-error" onCancel={onClose}>
          <Button type="button" variant="danger" pending={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
