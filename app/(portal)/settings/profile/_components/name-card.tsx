"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch } from "@/lib/client/api";
import { updateProfileSchema } from "@/lib/schemas/account";

export function NameCard({ name: initialName }: { name: string }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(initialName);
  const [saved, setSaved] = useState(initialName);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (input: { name: string }) => apiFetch<{ user: { name: string } }>("/api/v1/auth/profile/", { method: "PATCH", body: input }),
    onSuccess: ({ user }) => {
      setName(user.name);
      setSaved(user.name);
      toast({ title: "Name saved", description: `Your team sees you as ${user.name}.` });
      // The account menu shows the name.
      router.refresh();
    },
    onError: (failure) => setError(failure instanceof ApiError ? (failure.fieldErrors().name ?? failure.message) : "Something went wrong."),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = updateProfileSchema.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    save.mutate(parsed.data);
  }

  return (
    <Card title="Name" description="How you appear to your team, in the audit log and in invitations you send.">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="sm:w-96">
          <Field id="profile-name" label="Your name" error={error}>
            <Input
              id="profile-name"
              value={name}
              autoComplete="name"
              onChange={(event) => {
                setName(event.target.value);
                setError(undefined);
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "profile-name-error" : undefined}
            />
          </Field>
        </div>
        <div className={error ? "sm:mb-7" : undefined}>
          <Button type="submit" pending={save.isPending} disabled={name.trim() === saved} className="w-full sm:w-auto">
            Save name
          </Button>
        </div>
      </form>
    </Card>
  );
}
