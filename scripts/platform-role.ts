// npm run platform:grant -- <email>   makes an existing user a platform operator
// npm run platform:revoke -- <email>  takes the role away
// The command line is the only way to grant or revoke the role: there is no
// self-service path, so reaching it needs the deployment's shell and database.
// Exit code 0 when the user ends up as asked (also when nothing had to
// change), 1 otherwise, with one line saying why.
import { disconnectPrisma } from "@/lib/db";
import { emailSchema } from "@/lib/schemas/auth";
import { grantPlatformOperator, revokePlatformOperator } from "@/lib/platform/operators";

const [verb, rawEmail, ...rest] = process.argv.slice(2);
const command = `platform:${verb}`;

async function main(): Promise<number> {
  if ((verb !== "grant" && verb !== "revoke") || rawEmail === undefined || rest.length > 0) {
    console.error("usage: npm run platform:grant -- <email>   or   npm run platform:revoke -- <email>");
    return 1;
  }
  const email = emailSchema.safeParse(rawEmail.trim());
  if (!email.success) {
    console.error(`${command}: "${rawEmail}" is not an email address.`);
    return 1;
  }
  const actor = { type: "system", label: "cli" } as const;
  const result = verb === "grant" ? await grantPlatformOperator(email.data, actor) : await revokePlatformOperator(email.data, actor);
  if (verb === "grant") {
    console.log(result.changed ? `${command}: ${result.email} is now a platform operator.` : `${command}: ${result.email} is already a platform operator; nothing changed.`);
  } else {
    console.log(result.changed ? `${command}: ${result.email} is no longer a platform operator.` : `${command}: ${result.email} is not a platform operator; nothing changed.`);
  }
  return 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    // One line either way: an unknown email, or a database that cannot be reached.
    console.error(`${command}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma());
