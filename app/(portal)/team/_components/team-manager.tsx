"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, roleTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { apiFetch } from "@/lib/client/api";
import { hasRole, type Role } from "@/lib/auth/roles";
import { InvitationsCard } from "./invitations-card";
import { InviteForm } from "./invite-form";
import { ChangeRoleDialog, RemoveMemberDialog } from "./member-dialogs";
import { MEMBERS_PATH, MEMBERS_QUERY, type InvitationView, type MemberView } from "./queries";

type Props = {
  initialMembers: MemberView[];
  initialInvitations: InvitationView[] | null;
  currentUserId: string;
  role: Role;
};

export function TeamManager({ initialMembers, initialInvitations, currentUserId, role }: Props) {
  const isOwner = role === "owner";
  const isAdmin = hasRole(role, "admin");
  const [dialog, setDialog] = useState<{ kind: "role" | "remove"; member: MemberView } | null>(null);
  const { data: members } = useQuery({
    queryKey: MEMBERS_QUERY,
    queryFn: async () => (await apiFetch<{ members: MemberView[] }>(MEMBERS_PATH)).members,
    initialData: initialMembers,
  });

  return (
    <div className="space-y-6">
      <Card
        title="Members"
        description={isAdmin ? `${members.length} ${members.length === 1 ? "person" : "people"} with access to this tenant.` : "Your own membership."}
      >
        {!isOwner ? (
          <p className="mb-3 rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600" data-testid="team-owner-only-note">
            {isAdmin
              ? "Only owners can invite people, change roles or remove members."
              : "Members see only themselves. Admins and owners see the whole team; ask an owner if you need more access."}
          </p>
        ) : null}
        <Table label="Members">
          <thead>
            <tr>
              <Th>Person</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
              <Th>Last sign-in</Th>
              {isOwner ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <Tr key={member.id} data-testid={`member-${member.email}`}>
                <Td>
                  <p className="font-medium text-zinc-900">
                    {member.name}
                    {member.id === currentUserId ? <span className="ml-2 text-xs font-normal text-zinc-500">(you)</span> : null}
                  </p>
                  <p className="text-xs text-zinc-500">{member.email}</p>
                </Td>
                <Td label="Role">
                  <Badge tone={roleTone(member.role)}>{member.role}</Badge>
                </Td>
                <Td className="whitespace-nowrap text-zinc-600" label="Joined">
                  <RelativeTime date={member.joined_at} />
                </Td>
                <Td className="whitespace-nowrap text-zinc-600" label="Last sign-in">
                  <RelativeTime date={member.last_login_at} />
                </Td>
                {isOwner ? (
                  <Td className="text-right whitespace-nowrap" actions>
                    <Button variant="ghost" size="sm" onClick={() => setDialog({ kind: "role", member })} aria-label={`Change role of ${member.name}`}>
                      Change role
                    </Button>
                    <Button variant="danger-ghost" size="sm" onClick={() => setDialog({ kind: "remove", member })} aria-label={`Remove ${member.name}`}>
                      Remove
                    </Button>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>
      {isAdmin ? <InviteForm canInvite={isOwner} /> : null}
      {initialInvitations ? <InvitationsCard initial={initialInvitations} canRevoke={isOwner} /> : null}
      {isOwner && dialog ? (
        dialog.kind === "role" ? (
          <ChangeRoleDialog member={dialog.member} isSelf={dialog.member.id === currentUserId} onClose={() => setDialog(null)} />
        ) : (
          <RemoveMemberDialog member={dialog.member} isSelf={dialog.member.id === currentUserId} onClose={() => setDialog(null)} />
        )
      ) : null}
    </div>
  );
}
