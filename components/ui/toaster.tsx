"use client";

import * as ToastPrimitive from "@radix-ui/react-toast";
import { CheckCircle2, XCircle } from "lucide-react";
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

// "error" is for failures that have no control to sit next to (a menu item that closed).
type Toast = { id: number; title: string; description?: string; tone?: "success" | "error" };
const ToastContext = createContext<(toast: Omit<Toast, "id">) => void>(() => {});

/** How long a toast stays: long enough to read two lines, short enough not to pile up behind the next action. */
export const TOAST_DURATION_MS = 5000;

/**
 * Success messages after an async action; failures stay inline next to the
 * control where there is one. One toast at a time: a new one replaces the one
 * on screen (a double click says it once), and moving to another page takes
 * it away, so a message never lands on a page it is not about.
 */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((toast: Omit<Toast, "id">) => {
    setToasts([{ ...toast, id: Date.now() + Math.random() }]);
  }, []);
  const pathname = usePathname();
  const shownOn = useRef(pathname);
  useEffect(() => {
    if (shownOn.current === pathname) return;
    shownOn.current = pathname;
    setToasts([]);
  }, [pathname]);
  return (
    <ToastContext.Provider value={push}>
      <ToastPrimitive.Provider duration={TOAST_DURATION_MS}>
        {children}
        {toasts.map((toast) => (
          <ToastPrimitive.Root
            key={toast.id}
            onOpenChange={(open) => {
              if (!open) setToasts((current) => current.filter((item) => item.id !== toast.id));
            }}
            className="flex items-start gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg"
          >
            {toast.tone === "error" ? (
              <XCircle aria-hidden className="mt-0.5 size-5 shrink-0 text-red-600" />
            ) : (
              <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
            )}
            <div>
              <ToastPrimitive.Title className="text-sm font-medium text-zinc-900">{toast.title}</ToastPrimitive.Title>
              {toast.description ? (
                <ToastPrimitive.Description className="mt-0.5 text-sm text-zinc-600">{toast.description}</ToastPrimitive.Description>
              ) : null}
            </div>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed right-4 bottom-4 z-[60] flex w-[360px] max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
