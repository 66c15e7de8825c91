import { describe, expect, it } from "vitest";
import { POST as invite } from "@/app/api/v1/auth/tenants/invitations/route";
import { POST as revoke } from "@/app/api/v1/auth/tenants/api-keys/revoke/route";
import { call, registerOwner } from "./helpers/api";
import { addMember } from "./helpers/fixtures";
import { linkIn, setUpMailServer } from "./helpers/mail-server";

const INVITATIONS = "/api/v1/auth/tenants/invitations/";
const REVOKE = "/api/v1/auth/tenants/api-keys/revoke/";

const mail = setUpMailServer();

describe("invitation mail", () => {
  it("sends the invitee the same link the API returns, naming the tenant and who invited", async () => {
    const owner = await registerOwner({ tenant_name: "Acme <Payments> & Co", name: "Ada Owner" });
    await mail.clear(); // the sign-up's confirmation mail
    const email = `invitee-${Date.now()}@example.test`;
    const result = await call(invite, INVITATIONS, { token: owner.token, body: { email, role: "admin" } });
    expect(result.status).toBe(201);

    const received = await mail.only(email);
    expect(received.subject).toBe("Ada Owner invited you to Acme <Payments> & Co");
    expect(received.from).toContain("Tenant Admin Portal");
    expect(linkIn(received, "http://localhost:3000/invite/")).toBe(result.body.invite_url);
    expect(received.text).toContain("join Acme <Payments> & Co on the Tenant Admin Portal as an admin");
    expect(received.html).toContain("Acme &#60;Payments&#62; &#38; Co");
    expect(received.html).not.toContain("<Payments>");
  });

  it("sends nothing when the invitation is refused", async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const result = await call(invite, INVITATIONS, { token: owner.token, body: { email: owner.input.email, role: "member" } });
    expect(result.status).toBe(409);
    expect(await mail.received()).toEqual([]);
  });
});

describe("API keys revoked notice", () => {
  it("tells every owner of the tenant (the one who revoked included), no admin, without any key in the mail", async () => {
    const owner = await registerOwner({ tenant_name: "Notice Tenant" });
    await mail.clear(); // the sign-up's confirmation mail
    const secondOwner = await addMember(owner.tenantId, "owner");
    await addMember(owner.tenantId, "admin");
    const result = await call(revoke, REVOKE, { token: secondOwner.token, body: { key_type: "test", reason: "rotating", confirm: true } });
    expect(result.status).toBe(200);

    const received = await mail.received();
    expect(received).toHaveLength(1);
    expect(received[0].to.sort()).toEqual([owner.input.email, secondOwner.email].sort());
    expect(received[0].subject).toBe("API keys of Notice Tenant were revoked");
    expect(received[0].text).toContain(`revoked 2 API keys (test mode) of Notice Tenant`);
    expect(received[0].raw).not.toMatch(/sk_(live|test)_|pk_(live|test)_/);
  });

  it("sends nothing when the revoke is refused", async () => {
    const owner = await registerOwner();
    await mail.clear(); // the sign-up's confirmation mail
    const result = await call(revoke, REVOKE, { token: owner.token, body: { key_type: "test", reason: "x" } });
    expect(result.status).toBe(400);
    expect(await mail.received()).toEqual([]);
  });
});
