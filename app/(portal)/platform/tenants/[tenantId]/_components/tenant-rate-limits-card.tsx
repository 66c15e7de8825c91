"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  bodyFromFormValues,
  formValuesFromView,
  placeIssues,
  RATE_LIMIT_FIELDS,
  type RateLimitField,
  type RateLimitFormErrors,
  type RateLimitFormValues,
} from "@/components/platform/rate-limits-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch } from "@/lib/client/api";
import { DEFAULT_RATE_LIMITS, type RateLimitsView } from "@/lib/api-traffic/rate-limits";
import type { TenantRateLimitsBody } from "@/lib/schemas/platform";

const MODE_OF: Record<RateLimitField, "live" | "test"> = { live_per_second: "live", test_per_second: "test" };

/** The API's refusal beside the fields it names; anything else on the form. */
function errorsFromApi(error: unknown): RateLimitFormErrors {
  if (error instanceof ApiError && error.code === "validation_error" && Array.isArray(error.details)) {
    return placeIssues(error.details as { path?: string[]; message?: string }[]);
  }
  return { form: error instanceof Error ? error.message : "Something went wrong." };
}

const inWords = (view: RateLimitsView) => `${view.live_per_second}/s live, ${view.test_per_second}/s test`;

/** A tenant's platform API limits per mode, edited in place; a blank field means the platform default. */
export function TenantRateLimitsCard({ tenant }: { tenant: { id: string; name: string; rate_limits: RateLimitsView } }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<RateLimitFormValues>(() => formValuesFromView(tenant.rate_limits));
  const [errors, setErrors] = useState<RateLimitFormErrors>({});
  const path = `/api/v1/platform/tenants/${encodeURIComponent(tenant.id)}/rate-limits/`;
  const limits = tenant.rate_limits;

  const save = useMutation({
    mutationFn: (body: TenantRateLimitsBody) => apiFetch<{ rate_limits: RateLimitsView }>(path, { method: "PUT", body }),
    onSuccess: ({ rate_limits }) => {
      setEditing(false);
      toast({ title: `Rate limits saved for ${tenant.name}`, description: `${inWords(rate_limits)}, from its next request.` });
      router.refresh();
    },
  });

  function startEditing() {
    save.reset();
    setValues(formValuesFromView(limits));
    setErrors({});
    setEditing(true);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = bodyFromFormValues(values);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    try {
      await save.mutateAsync(result.body);
    } catch (error) {
      setErrors(errorsFromApi(error));
    }
  }

  return (
    <Card
      title="Rate limits"
      description="Platform API requests per second that each of the tenant's secret keys may make. A regenerated key keeps its mode's limit."
      actions={
        editing ? null : (
          <Button type="button" variant="secondary" size="sm" className="whitespace-nowrap" onClick={startEditing}>
            Edit rate limits
          </Button>
        )
      }
    >
      {editing ? (
        <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-5" data-testid="rate-limits-form">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {RATE_LIMIT_FIELDS.map((field) => {
              const mode = MODE_OF[field];
              const id = `rate-limit-${mode}`;
              return (
                <Field
                  key={field}
                  id={id}
                  label={`${mode === "live" ? "Live" : "Test"} keys, requests per second`}
                  error={errors[field]}
                  hint={`Leave blank for the platform default (${DEFAULT_RATE_LIMITS[mode]}). From 1 to 10000.`}
                >
                  <Input
                    id={id}
                    inputMode="numeric"
                    value={values[field]}
                    placeholder={String(DEFAULT_RATE_LIMITS[mode])}
                    onChange={(event) => {
                      setValues({ ...values, [field]: event.target.value });
                      setErrors({});
                    }}
                    aria-invalid={errors[field] ? true : undefined}
                    aria-describedby={errors[field] ? `${id}-error` : `${id}-hint`}
                    className="tabular-nums"
                    autoComplete="off"
                  />
                </Field>
              );
            })}
          </div>
          {errors.form ? (
            <p className="text-sm text-red-600" role="alert" data-testid="rate-limits-error">
              {errors.form}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                save.reset();
                setEditing(false);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" pending={save.isPending}>
              Save rate limits
            </Button>
          </div>
        </form>
      ) : (
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="rate-limits">
          {(["live", "test"] as const).map((mode) => {
            const value = mode === "live" ? limits.live_per_second : limits.test_per_second;
            const isDefault = mode === "live" ? limits.live_is_default : limits.test_is_default;
            return (
              <div key={mode}>
                <dt className="text-sm text-zinc-500">{mode === "live" ? "Live keys" : "Test keys"}</dt>
                <dd className="mt-1 flex flex-wrap items-center gap-2">
                  <span className="text-xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={`rate-limit-${mode}`}>
                    {value} / s
                  </span>
                  <Badge tone={isDefault ? "grey" : "accent"}>{isDefault ? "Platform default" : "Custom"}</Badge>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </Card>
  );
}
