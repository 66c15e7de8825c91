"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch } from "@/lib/client/api";
import { renameTenantSchema } from "@/lib/schemas/account";

type TenantView = { id: string; name: string; slug: string };

/** The organization's name (owners rename it) and the identifiers people copy into scripts and support requests. */
export function OrganizationCard({ tenant, canRename }: { tenant: TenantView; canRename: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(tenant.name);
  const [saved, setSaved] = useState(tenant.name);
  const [error, setError] = useState<string | undefined>();

  const rename = useMutation({
    mutationFn: (input: { name: string }) => apiFetch<{ tenant: TenantView }>("/api/v1/auth/tenants/current/", { method: "PATCH", body: input }),
    onSuccess: ({ tenant: renamed }) => {
      setName(renamed.name);
      setSaved(renamed.name);
      toast({ title: "Organization renamed", description: `It is now called ${renamed.name}.` });
      // The sidebar and page titles show the name: render them again.
      router.refresh();
    },
    onError: (failure) => setError(failure instanceof ApiError ? (failure.fieldErrors().name ?? failure.message) : "Something went wrong."),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = renameTenantSchema.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    rename.mutate(parsed.data);
  }

  return (
    <Card title="Organization" description="How the organization is named across the portal, in mail and to the platform's operators.">
      <form onSubmit={onSubmit} noValidate className="space-y-5">
        {!canRename ? (
          <p className="text-sm text-zinc-600" data-testid="owner-only-note">
            Only owners can rename the organization.
          </p>
        ) : null}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="sm:w-96">
            <Field id="organization-name" label="Name" error={error}>
              <Input
                id="organization-name"
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                  setError(undefined);
                }}
                disabled={!canRename}
                autoComplete="organization"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "organization-name-error" : undefined}
              />
            </Field>
          </div>
          <div className={error ? "sm:mb-7" : undefined}>
            <Button type="submit" pending={rename.isPending} disabled={!canRename || name.trim() === saved} className="w-full sm:w-auto">
              Rename
            </Button>
          </div>
        </div>
      </form>
      <dl className="mt-6 grid gap-4 sm:grid-cols-2">
        <div>
          <dt className="mb-1 text-sm font-medium text-zinc-800">Slug</dt>
          <dd>
            <CopyField value={tenant.slug} label="Organization slug" />
            <p className="mt-1 text-xs text-zinc-500">Stays the same when the organization is renamed.</p>
          </dd>
        </div>
        <div>
          <dt className="mb-1 text-sm font-medium text-zinc-800">Organization id</dt>
          <dd>
            <CopyField value={tenant.id} label="Organization id" />
            <p className="mt-1 text-xs text-zinc-500">Quote it when you contact the platform&apos;s support.</p>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
