import { describe, expect, it } from "vitest";
import { apiKeysRevokedMail, escapeHtml, invitationMail, passwordChangedMail, passwordResetMail, twoFactorDisabledMail, type RenderedMail } from "./templates";

const when = new Date("2026-11-30T08:00:00Z");
const hostile = `<script>alert("x")</script> & 'Co'`;

const mails: [string, RenderedMail, string][] = [
  ["invitation", invitationMail({ tenantName: hostile, inviterName: "Ada <ada@example.com>", role: "admin", url: "https://portal.example.com/invite/tok?a=1&b=2", expiresAt: when }), "https://portal.example.com/invite/tok?a=1&b=2"],
  ["password reset", passwordResetMail({ name: hostile, url: "https://portal.example.com/reset-password/tok", validMinutes: 30 }), "https://portal.example.com/reset-password/tok"],
  ["password changed", passwordChangedMail({ name: "Ada", tenantName: hostile, when, loginUrl: "https://portal.example.com/login" }), "https://portal.example.com/login"],
  ["API keys revoked", apiKeysRevokedMail({ tenantName: hostile, actorName: "Ada", keyCount: 2, modes: ["live", "test"], when, keysUrl: "https://portal.example.com/api-keys" }), "https://portal.example.com/api-keys"],
  ["two-factor turned off", twoFactorDisabledMail({ name: "Ada", tenantName: hostile, when, method: "password", profileUrl: "https://portal.example.com/settings/profile" }), "https://portal.example.com/settings/profile"],
];

describe("mail templates", () => {
  it("escapes HTML's five special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });

  it.each(mails)("%s: escaped HTML, the link in both parts, no raw markup from the input", (_name, mail, link) => {
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("Ada <ada@example.com>");
    expect(mail.html).toContain(escapeHtml(link));
    expect(mail.text).toContain(link);
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("names the tenant in the invitation, in the subject and both parts", () => {
    const mail = invitationMail({ tenantName: "Acme & Sons", inviterName: "Ada", role: "member", url: "https://p/invite/t", expiresAt: when });
    expect(mail.subject).toBe("Ada invited you to Acme & Sons");
    expect(mail.text).toContain("join Acme & Sons");
    expect(mail.html).toContain("join Acme &#38; Sons");
    expect(mail.text).toContain("as a member");
  });

  it("carries no secret: none of the values that never belong in a mail appear", () => {
    const secrets = ["sk_live_", "sk_test_", "pk_live_", "pk_test_", "whsec_"];
    for (const [, mail] of mails) {
      for (const secret of secrets) expect(`${mail.subject}\n${mail.text}\n${mail.html}`.toLowerCase()).not.toContain(secret);
    }
  });

  it("counts revoked keys in words", () => {
    expect(apiKeysRevokedMail({ tenantName: "Acme", actorName: "Ada", keyCount: 1, modes: ["test"], when, keysUrl: "u" }).text).toContain("revoked 1 API key (test mode)");
  });
});
