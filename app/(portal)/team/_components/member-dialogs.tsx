"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RadioCard, RadioCardGroup } from "@/components/ui/radio-card";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import type { Role } from "@/lib/auth/roles";
import { ROLE_SUMMARIES, withArticle } from "@/components/team/role-text";
import { ROLES } from "@/lib/auth/roles";
import { MEMBERS_PATH, MEMBERS_QUERY, type MemberView } from "./queries";

type DialogProps = { member: MemberView; isSelf: boolean; onClose: () => void };

export function ChangeRoleDialog({ member, isSelf, onClose }: DialogProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [role, setRole] = useState<Role>(member.role);
  const change = useMutation({
    mutationFn: () => apiFetch<{ member: MemberView }>(`${MEMBERS_PATH}${member.id}/`, { method: "PATCH", body: { role } }),
    onSuccess: () => {
      toast({ title: `${member.name} is now ${withArticle(role)}`, description: "The change applies to their next request." });
      // Stepping down changes what this page may show: reload it from the server.
      if (isSelf) router.refresh();
      void queryClient.invalidateQueries({ queryKey: MEMBERS_QUERY });
      onClose();
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (role !== member.role) change.mutate();
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={`Change the role of ${member.name}`}
      description={`${member.email} is ${withArticle(member.role)}. The new role takes effect on their next request.`}
    >
      <form onSubmit={onSubmit} className="space-y-4">
        <RadioCardGroup legend="Role" legendHidden>
          {ROLES.map((option) => (
            <RadioCard
              key={option}
              name="member-role"
              value={option}
              checked={role === option}
              onChange={() => setRole(option)}
              label={<span className="capitalize">{option}</span>}
              hint={ROLE_SUMMARIES[option]}
            />
          ))}
        </RadioCardGroup>
        {isSelf && member.role === "owner" && role !== "owner" ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">You are giving up your own owner rights.</p>
        ) : null}
        <DialogActions error={change.error?.message} errorTestId="role-error" onCancel={onClose}>
          <Button type="submit" disabled={role === member.role} pending={change.isPending}>
            Make {role}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function RemoveMemberDialog({ member, isSelf, onClose }: DialogProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => apiFetch(`${MEMBERS_PATH}${member.id}/`, { method: "DELETE" }),
    onSuccess: () => {
      toast(isSelf ? { title: "You left this tenant" } : { title: `Removed ${member.name}`, description: "They lost access to this tenant immediately." });
      // Removing yourself ends your access here: the next page is the sign-in.
      if (isSelf) {
        queryClient.clear();
        router.replace("/dashboard");
        router.refresh();
      } else void queryClient.invalidateQueries({ queryKey: MEMBERS_QUERY });
      onClose();
    },
  });

  return (
    <ConfirmDialog
      title={isSelf ? "Leave this tenant" : `Remove ${member.name}`}
      description={
        isSelf
          ? "You lose access to this tenant immediately. An owner would have to invite you again."
          : `${member.email} (${member.role}) loses access to this tenant immediately. Their account stays, and keys they created keep working.`
      }
      confirmLabel={isSelf ? "Leave tenant" : `Remove ${member.name}`}
      pending={remove.isPending}
      error={remove.error?.message ?? null}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
    />
  );
}
