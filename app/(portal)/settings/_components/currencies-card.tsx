"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch } from "@/lib/client/api";
import { CURRENCY_CODES, type CurrencyCode } from "@/lib/money/currencies";
import { currencySettingsSchema } from "@/lib/schemas/settings";
import { inRegistryOrder, sameCurrencySettings } from "@/lib/tenants/currency-settings";
import { currencyLabel } from "@/lib/money/currency-names";
import { FEES_QUERY, SETTINGS_PATH, SETTINGS_QUERY, type CurrencySettings } from "./queries";

type Errors = { currencies?: string; default_currency?: string; form?: string };

function errorsFrom(error: unknown): Errors {
  if (error instanceof ApiError) {
    const fields = error.fieldErrors();
    return fields.currencies || fields.default_currency ? fields : { form: error.message };
  }
  return { form: error instanceof Error ? error.message : "Something went wrong." };
}

export function CurrenciesCard({ settings, canEdit }: { settings: CurrencySettings; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [enabled, setEnabled] = useState<CurrencyCode[]>(settings.currencies);
  const [defaultCurrency, setDefaultCurrency] = useState<CurrencyCode>(settings.default_currency);
  const [errors, setErrors] = useState<Errors>({});

  const save = useMutation({
    mutationFn: (input: CurrencySettings) => apiFetch<CurrencySettings>(SETTINGS_PATH, { method: "PUT", body: input }),
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_QUERY, saved);
      void queryClient.invalidateQueries({ queryKey: FEES_QUERY });
      setEnabled(saved.currencies);
      setDefaultCurrency(saved.default_currency);
      toast({ title: "Currencies saved", description: `${saved.currencies.map((code) => code.toUpperCase()).join(", ")}; default ${saved.default_currency.toUpperCase()}.` });
    },
    onError: (error) => setErrors(errorsFrom(error)),
  });

  function toggle(code: CurrencyCode, on: boolean) {
    const next = inRegistryOrder(on ? [...enabled, code] : enabled.filter((other) => other !== code));
    setEnabled(next);
    // Turning off the default would leave a default the tenant cannot charge in; the first one left stands in.
    if (!on && code === defaultCurrency && next.length > 0) setDefaultCurrency(next[0]);
    if (on && enabled.length === 0) setDefaultCurrency(code);
    setErrors({});
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = currencySettingsSchema.safeParse({ currencies: enabled, default_currency: defaultCurrency });
    if (!parsed.success) {
      const fields: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "default_currency" ? "default_currency" : "currencies";
        fields[field] ??= issue.message;
      }
      setErrors(fields);
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  const unchanged = sameCurrencySettings(settings, { currencies: enabled, default_currency: defaultCurrency });

  return (
    <Card title="Currencies" description="The currencies this tenant accepts payments in. Payments in a currency that is not enabled are refused.">
      {!canEdit ? (
        <p className="mb-4 text-sm text-zinc-600" data-testid="admin-only-note">
          Only admins and owners can change the currencies.
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-5">
        <fieldset aria-describedby={errors.currencies ? "currencies-error" : undefined}>
          <legend className="text-sm font-medium text-zinc-800">Enabled currencies</legend>
          <div className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {CURRENCY_CODES.map((code) => (
              <label
                key={code}
                className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-800 hover:bg-zinc-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:text-zinc-500 has-[:disabled]:hover:bg-transparent"
              >
                <input
                  type="checkbox"
                  name="currencies"
                  value={code}
                  checked={enabled.includes(code)}
                  onChange={(event) => toggle(code, event.target.checked)}
                  disabled={!canEdit}
                  className="size-4 rounded border-zinc-300 accent-indigo-600"
                />
                <span>
                  <span className="font-mono">{code.toUpperCase()}</span>
                  <span className="text-zinc-500"> — {currencyLabel(code).split(" — ")[1]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.currencies ? (
            <p id="currencies-error" className="mt-1.5 text-sm text-red-600" role="alert">
              {errors.currencies}
            </p>
          ) : null}
        </fieldset>

        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="sm:w-72">
            <Field id="default-currency" label="Default currency" error={errors.default_currency} hint="Used where a currency is not named, and for the fee shown below.">
              <select
                id="default-currency"
                value={defaultCurrency}
                onChange={(event) => {
                  setDefaultCurrency(event.target.value as CurrencyCode);
                  setErrors({});
                }}
                disabled={!canEdit || enabled.length === 0}
                aria-invalid={errors.default_currency ? true : undefined}
                aria-describedby={errors.default_currency ? "default-currency-error" : "default-currency-hint"}
                className="block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-400"
              >
                {enabled.map((code) => (
                  <option key={code} value={code}>
                    {currencyLabel(code)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="sm:mb-7">
            <Button type="submit" pending={save.isPending} disabled={!canEdit || unchanged} className="w-full sm:w-auto">
              Save currencies
            </Button>
          </div>
        </div>
        {errors.form ? (
          <p className="text-sm text-red-600" role="alert" data-testid="settings-error">
            {errors.form}
          </p>
        ) : null}
      </form>
    </Card>
  );
}
