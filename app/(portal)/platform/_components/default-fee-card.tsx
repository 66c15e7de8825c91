"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FeePerCurrencyTable } from "@/components/fees/fee-per-currency-table";
import { FeeScheduleEditor } from "@/components/platform/fee-schedule-editor";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { CURRENCY_CODES } from "@/lib/money/currencies";
import type { FeeSchedule } from "@/lib/money/fees";
import { describeFeeSchedule } from "@/lib/money/format";

const DEFAULT_FEES_PATH = "/api/v1/platform/fees/default/";

/** The schedule of every tenant without one of its own: in words, and editable with the same form as a tenant's. */
export function DefaultFeeCard({ schedule }: { schedule: FeeSchedule }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (next: FeeSchedule) => apiFetch<FeeSchedule>(DEFAULT_FEES_PATH, { method: "PUT", body: next }),
    onSuccess: (saved) => {
      setEditing(false);
      toast({ title: "Platform default fee saved", description: `${describeFeeSchedule(saved, "usd")} in USD; tenants without their own schedule pay it from their next payment.` });
      router.refresh();
    },
  });
  const named = CURRENCY_CODES.filter((code) => schedule.fixed?.[code] !== undefined || schedule.minimum?.[code] !== undefined || schedule.maximum?.[code] !== undefined);

  return (
    <Card
      title="Platform default fee"
      description="What every tenant without a schedule of its own pays. A payment keeps the fee it was created with."
      actions={
        editing ? null : (
          <Button type="button" variant="secondary" size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )
      }
    >
      {editing ? (
        <FeeScheduleEditor
          idPrefix="default-fees"
          initial={schedule}
          previewCurrencies={["usd"]}
          submitLabel="Save platform default"
          pending={save.isPending}
          onSave={(next) => save.mutateAsync(next)}
          onCancel={() => {
            save.reset();
            setEditing(false);
          }}
        />
      ) : (
        <>
          <p className="text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid="default-fee-headline">
            {describeFeeSchedule(schedule, "usd")}
          </p>
          <p className="mt-1 text-sm text-zinc-500">In US dollars; the fixed part, minimum and maximum are set per currency.</p>
          {named.length > 0 ? (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-indigo-700 hover:underline">Every currency ({named.length})</summary>
              <div className="mt-2">
                <FeePerCurrencyTable label="Platform default fee per currency" lines={named.map((code) => [code, describeFeeSchedule(schedule, code)])} />
              </div>
            </details>
          ) : null}
        </>
      )}
    </Card>
  );
}
