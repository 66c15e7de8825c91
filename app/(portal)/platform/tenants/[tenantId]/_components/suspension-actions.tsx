"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { TypedConfirmForm } from "@/components/ui/typed-confirm-form";
import { ApiError, apiFetch } from "@/lib/client/api";
import { SUSPENSION_REASON_MAX, suspendTenantBodySchema } from "@/lib/schemas/platform";
import { TENANT_STATUS, type TenantStatus } from "@/lib/statuses";

type Tenant = { id: string; name: string; slug: string; status: TenantStatus };

function SuspendDialog({ tenant, onClose }: { tenant: Tenant; onClose: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const suspend = useMutation({
    mutationFn: (body: { reason: string }) => apiFetch(`/api/v1/platform/tenants/${encodeURIComponent(tenant.id)}/suspend/`, { body }),
    onSuccess: () => {
      toast({ title: `${tenant.name} is suspended`, description: "Its members see the reason on every page; its keys are refused until you reactivate it." });
      onClose();
      router.refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError) setReasonError(error.fieldErrors().reason ?? null);
    },
  });

  function confirm() {
    const parsed = suspendTenantBodySchema.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? "Give a reason.");
      return;
    }
    setReasonError(null);
    suspend.mutate(parsed.data);
  }

  const generalError = suspend.error && !(suspend.error instanceof ApiError && suspend.error.fieldErrors().reason) ? suspend.error.message : null;
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={`Suspend ${tenant.name}`}
      description={`The secret keys of ${tenant.name} stop working at once, and its webhook deliveries wait (nothing is dropped) until you reactivate it. Its members can still sign in, and see the reason.`}
    >
      <TypedConfirmForm word={tenant.slug} actionLabel="Suspend tenant" pending={suspend.isPending} error={generalError} onConfirm={confirm} onCancel={onClose}>
        <Field id="suspend-reason" label="Reason (shown to the tenant's members)" error={reasonError ?? undefined} hint={`${reason.length}/${SUSPENSION_REASON_MAX}`}>
          <textarea
            id="suspend-reason"
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(null);
            }}
            rows={3}
            maxLength={SUSPENSION_REASON_MAX}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? "suspend-reason-error" : "suspend-reason-hint"}
            className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none aria-invalid:border-red-500"
            placeholder="e.g. Chargebacks under review"
          />
        </Field>
      </TypedConfirmForm>
    </Dialog>
  );
}

/** Suspend (a dialog: a reason, and the tenant's slug typed to confirm) or reactivate. */
export function SuspensionActions({ tenant }: { tenant: Tenant }) {
  const router = useRouter();
  const toast = useToast();
  const [suspending, setSuspending] = useState(false);
  const reactivate = useMutation({
    mutationFn: () => apiFetch(`/api/v1/platform/tenants/${encodeURIComponent(tenant.id)}/reactivate/`, { method: "POST" }),
    onSuccess: () => {
      toast({ title: `${tenant.name} is reactivated`, description: "Its keys work again and its waiting webhook deliveries go out." });
      router.refresh();
    },
  });

  if (tenant.status === TENANT_STATUS.suspended) {
    return (
      <div className="flex flex-col items-end gap-1">
        <Button type="button" variant="secondary" size="sm" pending={reactivate.isPending} onClick={() => reactivate.mutate()}>
          Reactivate
        </Button>
        {reactivate.error ? (
          <p className="max-w-xs text-right text-sm text-red-600" role="alert" data-testid="reactivate-error">
            {reactivate.error.message}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <Button type="button" variant="danger" size="sm" onClick={() => setSuspending(true)}>
        Suspend tenant
      </Button>
      {suspending ? <SuspendDialog tenant={tenant} onClose={() => setSuspending(false)} /> : null}
    </>
  );
}
