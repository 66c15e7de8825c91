"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { Field } from "./field";
import { Input } from "./input";

/**
 * The body of a dangerous action's dialog: type the word, then the red button.
 * `children` are the action's own fields (a reason), shown above the word;
 * onConfirm checks them.
 */
export function TypedConfirmForm({
  word,
  actionLabel,
  pending,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  word: string;
  actionLabel: string;
  pending: boolean;
  error: string | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const id = `${word}-confirm`;
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (typed.trim() === word) onConfirm();
      }}
    >
      {children}
      <Field id={id} label={`Type "${word}" to confirm`}>
        <Input id={id} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
      </Field>
      {error ? (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={typed.trim() !== word} pending={pending}>
          {actionLabel}
        </Button>
      </div>
    </form>
  );
}
