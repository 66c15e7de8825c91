"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FeePerCurrencyTable } from "@/components/fees/fee-per-currency-table";
import { FeeScheduleEditor } from "@/components/platform/fee-schedule-editor";
import { FeeSourceBadge } from "@/components/platform/tenant-facts";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import type { FeeScheduleSource } from "@/lib/fees/fee-schedules";
import type { CurrencyCode } from "@/lib/money/currencies";
import type { FeeSchedule } from "@/lib/money/fees";
import { describeFeeSchedule } from "@/lib/money/format";

type Tenant = {
  id: string;
  name: string;
  currencies: CurrencyCode[];
  default_currency: CurrencyCode;
  fee_schedule: FeeSchedule & { source: FeeScheduleSource };
};

type Applied = FeeSchedule & { source: FeeScheduleSource };

/** The tenant's fee in words per enabled currency, edited with the schedule form, or reset to the platform default. */
export function TenantFeeCard({ tenant }: { tenant: Tenant }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [resetting, setResetting] = useState(false);
  const path = `/api/v1/platform/tenants/${encodeURIComponent(tenant.id)}/fees/`;
  const currencies = [tenant.default_currency, ...tenant.currencies.filter((code) => code !== tenant.default_currency)];
  const { source, ...schedule } = tenant.fee_schedule;

  const save = useMutation({
    mutationFn: (next: FeeSchedule | null) => apiFetch<Applied>(path, { method: "PUT", body: next }),
    onSuccess: (applied, sent) => {
      setEditing(false);
      setResetting(false);
      const words = describeFeeSchedule(applied, tenant.default_currency);
      toast(
        sent === null
          ? { title: `${tenant.name} is back on the platform default`, description: `${words}, from its next payment.` }
          : { title: `Fee schedule saved for ${tenant.name}`, description: `${words}, from its next payment.` },
      );
      router.refresh();
    },
  });

  return (
    <Card
      title="Platform fee"
      description="What the platform takes from each payment. A payment keeps the fee it was created with."
      actions={
        editing ? null : (
          <>
            <Button type="button" variant="secondary" size="sm" className="whitespace-nowrap" onClick={() => setEditing(true)}>
              Edit fee schedule
            </Button>
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="whitespace-nowrap"
              disabled={source !== "tenant"}
              title={source !== "tenant" ? "This tenant already pays the platform default." : undefined}
              onClick={() => {
                save.reset();
                setResetting(true);
              }}
            >
              Reset to platform default
            </Button>
          </>
        )
      }
    >
      {editing ? (
        <FeeScheduleEditor
          idPrefix="tenant-fees"
          initial={schedule}
          previewCurrencies={currencies}
          submitLabel="Save fee schedule"
          pending={save.isPending}
          onSave={(next) => save.mutateAsync(next)}
          onCancel={() => {
            save.reset();
            setEditing(false);
          }}
        />
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <p className="text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="tenant-fee-headline">
              {describeFeeSchedule(schedule, tenant.default_currency)}
            </p>
            <FeeSourceBadge source={source} />
          </div>
          <p className="mt-1 text-sm text-zinc-500">
            {source === "tenant"
              ? "Set for this tenant alone: changes to the platform default do not reach it."
              : "The platform default: it follows every change to the default until you set a schedule for this tenant."}
          </p>
          {currencies.length > 1 ? (
            <div className="mt-4">
              <FeePerCurrencyTable label="Platform fee per enabled currency" lines={currencies.map((code) => [code, describeFeeSchedule(schedule, code)])} />
            </div>
          ) : null}
        </>
      )}
      {resetting ? (
        <ConfirmDialog
          title={`Reset ${tenant.name} to the platform default`}
          description={`The schedule set for ${tenant.name} (${describeFeeSchedule(schedule, tenant.default_currency)}) is removed, and the platform default applies from its next payment. Payments already created keep their fee.`}
          confirmLabel="Reset to platform default"
          pending={save.isPending}
          error={save.error ? save.error.message : null}
          onConfirm={() => save.mutate(null)}
          onClose={() => setResetting(false)}
        />
      ) : null}
    </Card>
  );
}
