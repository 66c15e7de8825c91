"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { apiFetch } from "@/lib/client/api";
import { INVITATIONS_PATH, INVITATIONS_QUERY, type InvitationView } from "./queries";

export function InvitationsCard({ initial, canRevoke }: { initial: InvitationView[]; canRevoke: boolean }) {
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const { data: invitations } = useQuery({
    queryKey: INVITATIONS_QUERY,
    queryFn: async () => (await apiFetch<{ invitations: InvitationView[] }>(INVITATIONS_PATH)).invitations,
    initialData: initial,
  });

  return (
    <Card title="Pending invitations" description="Links that have not been used yet. Each works once and expires 7 days after it was created.">
      {invitations.length === 0 ? (
        <div className="py-6 text-center" data-testid="invitations-empty">
          <p className="font-medium text-zinc-900">No pending invitations</p>
          <p className="mt-1 text-sm text-zinc-500">
            {canRevoke ? "Invite a teammate with the form above; their link shows up here until they use it." : "Owners can invite people; their invitations show up here."}
          </p>
        </div>
      ) : (
        <Table label="Pending invitations">
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Invited by</Th>
              <Th>Expires</Th>
              {canRevoke ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <Tr key={invitation.id} data-testid={`invitation-${invitation.email}`}>
                <Td className="font-medium text-zinc-900">{invitation.email}</Td>
                <Td label="Role">
                  <Badge tone="amber">{invitation.role}</Badge>
                </Td>
                <Td className="text-zinc-600" label="Invited by">
                  {invitation.invited_by?.name ?? "—"}
                </Td>
                <Td className="whitespace-nowrap text-zinc-600" label="Expires">
                  <RelativeTime date={invitation.expires_at} />
                </Td>
                {canRevoke ? (
                  <Td className="text-right" actions>
                    <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(invitation)} aria-label={`Revoke the invitation for ${invitation.email}`}>
                      Revoke
                    </Button>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {revoking ? <RevokeInvitationDialog invitation={revoking} onClose={() => setRevoking(null)} /> : null}
    </Card>
  );
}

function RevokeInvitationDialog({ invitation, onClose }: { invitation: InvitationView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation({
    mutationFn: () => apiFetch(`${INVITATIONS_PATH}${invitation.id}/`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: INVITATIONS_QUERY });
      toast({ title: `Revoked the invitation for ${invitation.email}`, description: "The link no longer works." });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Revoke the invitation for ${invitation.email}`}
      description={`The link stops working at once and ${invitation.email} cannot join as ${invitation.role} with it. You can invite them again later.`}
      confirmLabel="Revoke invitation"
      pending={revoke.isPending}
      error={revoke.error?.message ?? null}
      onConfirm={() => revoke.mutate()}
      onClose={onClose}
    />
  );
}
