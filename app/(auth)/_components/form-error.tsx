import type { ReactNode } from "react";

/** The failure of a signed-out form as a whole (not one field's), with the API's message. */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {children}
    </p>
  );
}
