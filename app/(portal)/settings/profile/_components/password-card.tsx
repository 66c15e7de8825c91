"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch, firstMessagePerField } from "@/lib/client/api";
import { changePasswordSchema } from "@/lib/schemas/account";
import { SESSIONS_QUERY } from "./sessions-card";

type Errors = { current_password?: string; new_password?: string; confirmation?: string; form?: string };

export function PasswordCard() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const change = useMutation({
    mutationFn: (input: { current_password: string; new_password: string }) =>
      apiFetch<{ other_sessions_ended: number }>("/api/v1/auth/password/change/", { body: input }),
    onSuccess: ({ other_sessions_ended }) => {
      form.current?.reset();
      void queryClient.invalidateQueries({ queryKey: SESSIONS_QUERY });
      const others = other_sessions_ended === 1 ? "1 other session was" : `${other_sessions_ended} other sessions were`;
      toast({ title: "Password changed", description: `${others} signed out. This browser stays signed in.` });
    },
    onError: (failure) => {
      if (!(failure instanceof ApiError)) return setErrors({ form: "Something went wrong." });
      if (failure.code === "current_password_incorrect") return setErrors({ current_password: failure.message });
      const fields = failure.fieldErrors();
      setErrors(fields.current_password || fields.new_password ? fields : { form: failure.message });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const newPassword = String(data.get("new_password") ?? "");
    if (newPassword !== String(data.get("new_password_confirmation") ?? "")) {
      setErrors({ confirmation: "The two new passwords differ." });
      return;
    }
    const parsed = changePasswordSchema.safeParse({ current_password: data.get("current_password"), new_password: newPassword });
    if (!parsed.success) {
      setErrors(firstMessagePerField(parsed.error.issues));
      return;
    }
    setErrors({});
    change.mutate(parsed.data);
  }

  const invalid = (field: keyof Errors) => ({
    "aria-invalid": errors[field] ? true : undefined,
  });

  return (
    <Card title="Password" description="Changing it signs out every other browser and ends every API access token; this browser stays signed in.">
      <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="current-password" label="Current password" error={errors.current_password}>
            <Input id="current-password" name="current_password" type="password" autoComplete="current-password" required {...invalid("current_password")} aria-describedby={errors.current_password ? "current-password-error" : undefined} />
          </Field>
          <Field id="new-password" label="New password" error={errors.new_password} hint="At least 10 characters.">
            <Input id="new-password" name="new_password" type="password" autoComplete="new-password" required {...invalid("new_password")} aria-describedby={errors.new_password ? "new-password-error" : "new-password-hint"} />
          </Field>
          <Field id="new-password-confirmation" label="New password again" error={errors.confirmation}>
            <Input id="new-password-confirmation" name="new_password_confirmation" type="password" autoComplete="new-password" required {...invalid("confirmation")} aria-describedby={errors.confirmation ? "new-password-confirmation-error" : undefined} />
          </Field>
        </div>
        {errors.form ? (
          <p role="alert" className="text-sm text-red-700">
            {errors.form}
          </p>
        ) : null}
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
