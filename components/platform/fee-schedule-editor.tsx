"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api";
import { CURRENCY_CODES, currencyExponent, type CurrencyCode } from "@/lib/money/currencies";
import { currencyLabel } from "@/lib/money/currency-names";
import type { FeeSchedule } from "@/lib/money/fees";
import {
  AMOUNT_PARTS,
  formValuesFromSchedule,
  newRow,
  placeIssues,
  previewLine,
  scheduleFromFormValues,
  type AmountPart,
  type FeeFormErrors,
  type FeeFormValues,
  type FeeRow,
} from "./fee-schedule-form";

const PART_LABELS: Record<AmountPart, string> = { fixed: "Fixed fee", minimum: "Minimum fee", maximum: "Maximum fee" };

const selectClass =
  "block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none aria-invalid:border-red-500";

/** The API's refusal placed beside the fields it names; anything else stays on the form. */
function errorsFromApi(values: FeeFormValues, error: unknown): FeeFormErrors {
  if (error instanceof ApiError && error.code === "validation_error" && Array.isArray(error.details)) {
    const placed = placeIssues(values, error.details as { path?: string[]; message?: string }[]);
    return placed.percent || placed.form || Object.keys(placed.rows).length > 0 ? placed : { rows: {}, form: error.message };
  }
  return { rows: {}, form: error instanceof Error ? error.message : "Something went wrong." };
}

function amountPlaceholder(currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? "0" : `0.${"0".repeat(exponent)}`;
}

/**
 * Edits a fee schedule: a percentage, then per-currency fixed, minimum and
 * maximum amounts in major units. Checked with the API's own schema before it
 * is sent; `onSave` sends it, and its refusal is shown beside the fields it names.
 * The preview shows what a round payment would pay in each listed currency.
 */
export function FeeScheduleEditor({
  idPrefix,
  initial,
  previewCurrencies,
  submitLabel,
  pending,
  onSave,
  onCancel,
}: {
  idPrefix: string;
  initial: FeeSchedule;
  /** Currencies to preview even without a row (the tenant's own). */
  previewCurrencies: CurrencyCode[];
  submitLabel: string;
  pending: boolean;
  onSave: (schedule: FeeSchedule) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<FeeFormValues>(() => formValuesFromSchedule(initial));
  const [errors, setErrors] = useState<FeeFormErrors>({ rows: {} });

  const result = scheduleFromFormValues(values);
  const currencies = [...new Set([...previewCurrencies, ...values.rows.map((row) => row.currency)])];

  function update(next: FeeFormValues) {
    setValues(next);
    setErrors({ rows: {} });
  }

  function updateRow(id: number, change: Partial<FeeRow>) {
    update({ ...values, rows: values.rows.map((row) => (row.id === id ? { ...row, ...change } : row)) });
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    try {
      await onSave(result.schedule);
    } catch (error) {
      setErrors(errorsFromApi(values, error));
    }
  }

  const percentId = `${idPrefix}-percent`;
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-5" data-testid={`${idPrefix}-form`}>
      <div className="sm:w-60">
        <Field id={percentId} label="Percentage of each payment" error={errors.percent} hint="Up to two decimals: 2.90 is 2.9%.">
          <div className="relative">
            <Input
              id={percentId}
              inputMode="decimal"
              value={values.percent}
              onChange={(event) => update({ ...values, percent: event.target.value })}
              aria-invalid={errors.percent ? true : undefined}
              aria-describedby={errors.percent ? `${percentId}-error` : `${percentId}-hint`}
              className="pr-8 tabular-nums"
              autoComplete="off"
            />
            <span aria-hidden className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-zinc-500">
              %
            </span>
          </div>
        </Field>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Amounts per currency</legend>
        <p className="mt-0.5 text-sm text-zinc-500">
          In the currency&apos;s own units (0.25 is 25 cents). A currency left out pays the percentage alone, with no minimum or maximum.
        </p>
        <ul className="mt-3 space-y-3">
          {values.rows.map((row, index) => {
            const rowErrors = errors.rows[index] ?? {};
            const rowId = `${idPrefix}-row-${row.id}`;
            return (
              <li key={row.id} className="rounded-md border border-zinc-200 p-3" data-testid="fee-row" data-currency={row.currency}>
                <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1.4fr)_repeat(3,minmax(0,1fr))_auto] sm:items-start">
                  <Field id={`${rowId}-currency`} label="Currency" error={rowErrors.currency}>
                    <select
                      id={`${rowId}-currency`}
                      value={row.currency}
                      onChange={(event) => updateRow(row.id, { currency: event.target.value as CurrencyCode })}
                      aria-invalid={rowErrors.currency ? true : undefined}
                      aria-describedby={rowErrors.currency ? `${rowId}-currency-error` : undefined}
                      className={selectClass}
                    >
                      {CURRENCY_CODES.map((code) => (
                        <option key={code} value={code}>
                          {currencyLabel(code)}
                        </option>
                      ))}
                    </select>
                  </Field>
                  {AMOUNT_PARTS.map((part) => {
                    const id = `${rowId}-${part}`;
                    return (
                      <Field key={part} id={id} label={`${PART_LABELS[part]} (${row.currency.toUpperCase()})`} error={rowErrors[part]}>
                        <Input
                          id={id}
                          inputMode="decimal"
                          value={row[part]}
                          placeholder={part === "fixed" ? amountPlaceholder(row.currency) : "none"}
                          onChange={(event) => updateRow(row.id, { [part]: event.target.value })}
                          aria-invalid={rowErrors[part] ? true : undefined}
                          aria-describedby={rowErrors[part] ? `${id}-error` : undefined}
                          className="tabular-nums"
                          autoComplete="off"
                        />
                      </Field>
                    );
                  })}
                  <div className="sm:pt-6">
                    <Button
                      type="button"
                      variant="danger-ghost"
                      size="sm"
                      className="h-10"
                      onClick={() => update({ ...values, rows: values.rows.filter((other) => other.id !== row.id) })}
                      aria-label={`Remove ${row.currency.toUpperCase()}`}
                    >
                      <Trash2 aria-hidden className="size-4" />
                      <span className="sm:sr-only">Remove</span>
                    </Button>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          className="mt-3"
          disabled={values.rows.length >= CURRENCY_CODES.length}
          onClick={() => update({ ...values, rows: [...values.rows, newRow(values.rows)] })}
        >
          <Plus aria-hidden className="size-4" />
          Add currency
        </Button>
      </fieldset>

      <div className="rounded-md bg-zinc-50 px-4 py-3 text-sm" aria-live="polite" data-testid={`${idPrefix}-preview`}>
        <p className="font-medium text-zinc-800">Preview</p>
        {result.schedule ? (
          <ul className="mt-1 space-y-0.5 text-zinc-700 tabular-nums">
            {currencies.slice(0, 4).map((currency) => (
              <li key={currency}>{previewLine(result.schedule, currency)}</li>
            ))}
            {currencies.length > 4 ? <li className="text-zinc-500">and {currencies.length - 4} more currencies</li> : null}
          </ul>
        ) : (
          <p className="mt-1 text-zinc-500">Fix the fields above to see what a payment would pay.</p>
        )}
      </div>

      {errors.form ? (
        <p className="text-sm text-red-600" role="alert" data-testid={`${idPrefix}-error`}>
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
