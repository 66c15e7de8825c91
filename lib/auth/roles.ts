import { z } from "zod";

export const roleSchema = z.enum(["owner", "admin", "member"]);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** owner > admin > member: "admin" means admin or owner. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export function asRole(value: string): Role {
  return roleSchema.parse(value);
}
