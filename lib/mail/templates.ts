/**
 * The portal's mails: a subject, plain text, and simple HTML built from the
 * same lines, every value escaped. A mail carries links (whose single-use
 * token is the point of the mail) but never a secret: no password, no API
 * key, no webhook secret.
 */
export type RenderedMail = { subject: string; text: string; html: string };

const PRODUCT = "Tenant Admin Portal";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

type Block = { kind: "paragraph"; text: string } | { kind: "button"; label: string; url: string } | { kind: "small"; text: string };

const paragraph = (text: string): Block => ({ kind: "paragraph", text });
const button = (label: string, url: string): Block => ({ kind: "button", label, url });
const small = (text: string): Block => ({ kind: "small", text });

function render(subject: string, blocks: Block[]): RenderedMail {
  const text = [
    ...blocks.map((block) => (block.kind === "button" ? `${block.label}: ${block.url}` : block.text)),
    `— ${PRODUCT}`,
  ].join("\n\n");
  const body = blocks
    .map((block) => {
      if (block.kind === "button") {
        const href = escapeHtml(block.url);
        return `<p><a href="${href}" style="display:inline-block;padding:10px 16px;border-radius:6px;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(block.label)}</a></p>\n<p style="font-size:12px;color:#71717a">Or paste this link into your browser: ${href}</p>`;
      }
      if (block.kind === "small") return `<p style="font-size:12px;color:#71717a">${escapeHtml(block.text)}</p>`;
      return `<p>${escapeHtml(block.text)}</p>`;
    })
    .join("\n");
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#18181b;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">
<p style="font-weight:600">${PRODUCT}</p>
${body}
</body></html>`;
  return { subject, text, html };
}

export function invitationMail(input: { tenantName: string; inviterName: string; role: string; url: string; expiresAt: Date }): RenderedMail {
  return render(`${input.inviterName} invited you to ${input.tenantName}`, [
    paragraph(`${input.inviterName} invited you to join ${input.tenantName} on the ${PRODUCT} as ${input.role === "admin" ? "an" : "a"} ${input.role}.`),
    button("Accept the invitation", input.url),
    small(`The link works once and until ${input.expiresAt.toUTCString()}. If you did not expect this invitation, ignore this mail.`),
  ]);
}

export function passwordResetMail(input: { name: string; url: string; validMinutes: number }): RenderedMail {
  return render("Reset your password", [
    paragraph(`Hello ${input.name}, someone (hopefully you) asked to reset the password of your ${PRODUCT} account.`),
    button("Choose a new password", input.url),
    small(`The link works once, for ${input.validMinutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`),
  ]);
}

export function passwordChangedMail(input: { name: string; tenantName: string | null; when: Date; loginUrl: string; signedOut?: "all" | "others" }): RenderedMail {
  const where = input.tenantName ? ` (${input.tenantName})` : "";
  const sessions = input.signedOut === "others" ? "every other session was signed out" : "every session was signed out";
  return render("Your password was changed", [
    paragraph(`Hello ${input.name}, the password of your ${PRODUCT} account${where} was changed on ${input.when.toUTCString()}, and ${sessions}.`),
    paragraph("If this was you, there is nothing to do. If it was not, reset your password now and tell the other owners of your tenant."),
    button("Sign in", input.loginUrl),
  ]);
}

export function apiKeysRevokedMail(input: { tenantName: string; actorName: string; keyCount: number; modes: string[]; when: Date; keysUrl: string }): RenderedMail {
  const keys = `${input.keyCount} API key${input.keyCount === 1 ? "" : "s"}`;
  return render(`API keys of ${input.tenantName} were revoked`, [
    paragraph(`${input.actorName} revoked ${keys} (${input.modes.join(" and ")} mode) of ${input.tenantName} on ${input.when.toUTCString()}. Requests made with ${input.keyCount === 1 ? "it" : "them"} are now refused.`),
    paragraph("You receive this because you are an owner of the tenant. If this was not expected, check the audit log and issue new keys."),
    button("Open API keys", input.keysUrl),
  ]);
}

export function twoFactorDisabledMail(input: { name: string; tenantName: string | null; when: Date; method: "totp" | "password"; profileUrl: string }): RenderedMail {
  const where = input.tenantName ? ` (${input.tenantName})` : "";
  const how = input.method === "password" ? "with the account's password" : "with a code from the authenticator app";
  return render("Two-factor sign-in was turned off", [
    paragraph(`Hello ${input.name}, two-factor sign-in of your ${PRODUCT} account${where} was turned off on ${input.when.toUTCString()}, ${how}. Signing in now needs only the password.`),
    paragraph("If this was you, there is nothing to do. If it was not, change your password now, turn two-factor sign-in on again, and tell the other owners of your tenant."),
    button("Open your profile", input.profileUrl),
  ]);
}

export function emailVerificationMail(input: { name: string; url: string; validHours: number }): RenderedMail {
  return render("Confirm your email address", [
    paragraph(`Hello ${input.name}, confirm that this is your address for your ${PRODUCT} account.`),
    button("Confirm my email address", input.url),
    small(`The link works once, for ${input.validHours} hours. If you did not create an account, ignore this mail: nobody can accept invitations sent to this address without it.`),
  ]);
}

export function emailChangeMail(input: { name: string; oldEmail: string; url: string; validHours: number }): RenderedMail {
  return render("Confirm your new email address", [
    paragraph(`Hello ${input.name}, you asked to move your ${PRODUCT} account from ${input.oldEmail} to this address. The change applies when you follow this link.`),
    button("Use this email address", input.url),
    small(`The link works once, for ${input.validHours} hours. If you did not ask for this, ignore this mail: the account stays at its old address.`),
  ]);
}

export function emailChangedMail(input: { name: string; newEmail: string; when: Date; loginUrl: string }): RenderedMail {
  return render("Your email address was changed", [
    paragraph(`Hello ${input.name}, the email address of your ${PRODUCT} account was changed to ${input.newEmail} on ${input.when.toUTCString()}. Mail about the account now goes there, and you sign in with it.`),
    paragraph("If this was you, there is nothing to do. If it was not, tell the owners of your tenant at once: whoever changed it knew your password."),
    button("Sign in", input.loginUrl),
  ]);
}
