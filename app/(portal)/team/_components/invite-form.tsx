"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { ApiError, apiFetch, firstMessagePerField } from "@/lib/client/api";
import type { Role } from "@/lib/auth/roles";
import { inviteMemberSchema } from "@/lib/schemas/team";
import { ROLE_SUMMARIES } from "@/components/team/role-text";
import { ROLES } from "@/lib/auth/roles";
import { INVITATIONS_PATH, INVITATIONS_QUERY, type InvitationView } from "./queries";

type Created = { invitation: InvitationView; invite_url: string };

export function InviteForm({ canInvite }: { canInvite: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Created | null>(null);

  const invite = useMutation({
    mutationFn: (body: { email: string; role: Role }) => apiFetch<Created>(INVITATIONS_PATH, { body }),
    onSuccess: (result) => {
      setCreated(result);
      setEmail("");
      void queryClient.invalidateQueries({ queryKey: INVITATIONS_QUERY });
      toast({ title: `Invitation created for ${result.invitation.email}`, description: "Copy the link now: it is shown only once." });
    },
    onError: (error) => setErrors(error instanceof ApiError ? { ...error.fieldErrors(), form: error.message } : { form: error.message }),
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = inviteMemberSchema.safeParse({ email, role });
    if (!parsed.success) {
      setErrors(firstMessagePerField(parsed.error.issues));
      return;
    }
    setErrors({});
    invite.mutate(parsed.data);
  }

  return (
    <Card title="Invite someone" description="They get a link that works once, for 7 days. Send it to them yourself; the portal sends no email.">
      {!canInvite ? <p className="mb-3 text-sm text-zinc-600">Only owners can invite people.</p> : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_180px_auto] sm:items-start">
        <Field id="invite-email" label="Email" error={errors.email}>
          <Input
            id="invite-email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            placeholder="teammate@example.com"
            autoComplete="off"
            disabled={!canInvite}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "invite-email-error" : undefined}
          />
        </Field>
        <Field id="invite-role" label="Role" error={errors.role}>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            disabled={!canInvite}
            className="block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-400"
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {option[0].toUpperCase() + option.slice(1)}
              </option>
            ))}
          </select>
        </Field>
        <div className="sm:pt-7">
          <Button type="submit" disabled={!canInvite} pending={invite.isPending} className="w-full sm:w-auto">
            <UserPlus aria-hidden className="size-4" />
            Create invitation
          </Button>
        </div>
      </form>
      <p className="mt-2 text-sm text-zinc-500">{ROLE_SUMMARIES[role]}</p>
      {errors.form && !errors.email && !errors.role ? (
        <p className="mt-2 text-sm text-red-600" role="alert" data-testid="invite-error">
          {errors.form}
        </p>
      ) : null}
      <Dialog
        open={created !== null}
        onOpenChange={(open) => (open ? null : setCreated(null))}
        title={`Invitation link for ${created?.invitation.email ?? ""}`}
        description={`Send this link to ${created?.invitation.email ?? ""}. It joins them as ${created?.invitation.role ?? ""}, works once and expires in 7 days.`}
      >
        {created ? (
          <div className="space-y-4">
            <CopyField value={created.invite_url} label="Invitation link" />
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              This link is shown only now; the portal keeps only a fingerprint of it. If it is lost, invite the same email again for a new link.
            </p>
            <div className="flex justify-end">
              <Button type="button" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}
