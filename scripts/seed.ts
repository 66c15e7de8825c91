// npm run db:seed — a demo tenant for local development, with its people's
// sign-in details printed. Idempotent: reruns print the same credentials.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { disconnectPrisma, prisma } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { registerTenant } from "@/lib/tenants/register-tenant";
import { grantPlatformOperator } from "@/lib/platform/operators";

const DEMO = {
  tenant: "Acme Demo",
  owner: "owner@demo.test",
  admin: "admin@demo.test",
  member: "member@demo.test",
  operator: "pat@demo.test",
};
const credentialsFile = path.join(process.cwd(), ".data", "demo-credentials.json");

function demoPassword(): string {
  // e2e runs pass their own; everyone else gets one generated once into .data/.
  if (process.env.SEED_DEMO_PASSWORD) return process.env.SEED_DEMO_PASSWORD;
  if (existsSync(credentialsFile)) return (JSON.parse(readFileSync(credentialsFile, "utf8")) as { password: string }).password;
  mkdirSync(path.dirname(credentialsFile), { recursive: true });
  const password = `demo-${randomBytes(9).toString("base64url")}`;
  writeFileSync(credentialsFile, JSON.stringify({ password }, null, 2) + "\n", { mode: 0o600 });
  return password;
}

async function main() {
  if (process.env.NODE_ENV === "production" && !process.argv.includes("--force")) {
    console.error("db:seed refuses to run with NODE_ENV=production (pass --force if you really mean it).");
    process.exit(1);
  }
  const password = demoPassword();
  const passwordHash = await hashPassword(password);
  const meta = { ip: null, userAgent: "db:seed" };

  let owner = await prisma.user.findUnique({ where: { email: DEMO.owner }, include: { memberships: true } });
  if (!owner) {
    await registerTenant({ email: DEMO.owner, password, name: "Olivia Owner", tenant_name: DEMO.tenant }, meta);
    owner = await prisma.user.findUniqueOrThrow({ where: { email: DEMO.owner }, include: { memberships: true } });
  }
  const tenantId = owner.memberships[0].tenantId;
  // Keep every demo password equal to the printed one, even after a .data/ reset. Nobody receives
  // the demo addresses' mail, so they count as verified.
  await prisma.user.update({ where: { id: owner.id }, data: { passwordHash, emailVerifiedAt: owner.emailVerifiedAt ?? new Date() } });

  // Pat runs the platform. A session is always for a tenant, so Pat is also
  // a plain member of the demo tenant and reaches /platform from its portal:
  // the operator role comes from the platform, not from there.
  for (const [email, name, role] of [
    [DEMO.admin, "Adam Admin", "admin"],
    [DEMO.member, "Mia Member", "member"],
    [DEMO.operator, "Pat Platform", "member"],
  ] as const) {
    const user = await prisma.user.upsert({
      where: { email },
      create: { email, name, passwordHash, emailVerifiedAt: new Date() },
      update: { passwordHash },
    });
    await prisma.membership.upsert({
      where: { userId_tenantId: { userId: user.id, tenantId } },
      create: { userId: user.id, tenantId, role },
      update: {},
    });
  }

  await grantPlatformOperator(DEMO.operator, { type: "system", label: "db:seed" });

  const url = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(
    [
      "",
      `  Demo tenant "${DEMO.tenant}" is ready. Sign in at ${url}/login`,
      `    owner:  ${DEMO.owner}`,
      `    admin:  ${DEMO.admin}`,
      `    member: ${DEMO.member}`,
      `    platform operator: ${DEMO.operator} (a member of the demo tenant too)`,
      `    password (all four): ${password}`,
      "",
    ].join("\n"),
  );
}

main()
  .catch((error) => {
    console.error("db:seed failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma());
