// No zod here: the sidebar reads roles in the browser on every page, and the
// request schema (roleSchema in lib/schemas/team.ts) is built from ROLES.
export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** owner > admin > member: "admin" means admin or owner. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export function asRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new Error(`Unknown role "${value}"`);
  return value as Role;
}

/**
 * Roles above all tenants, on the user rather than a membership: an operator
 * runs the platform and is not an owner of every tenant, and no tenant role
 * counts as one. Granted and revoked only from the command line.
 */
export const PLATFORM_ROLES = { operator: "operator" } as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[keyof typeof PLATFORM_ROLES];

/** The stored column read back: null, or a registered platform role; anything else is a bug, not input. */
export function asPlatformRole(value: string | null): PlatformRole | null {
  if (value === null) return null;
  if (!Object.values(PLATFORM_ROLES).includes(value as PlatformRole)) throw new Error(`Unknown platform role "${value}"`);
  return value as PlatformRole;
}
