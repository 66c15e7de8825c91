// npm run db:generate: writes prisma/generated/<provider>/schema.prisma from
// prisma/schema.prisma and generates lib/generated/<provider>/ for each.
import { generateClients, main, show } from "./lib.mjs";

main("db:generate", async () => {
  const started = Date.now();
  const clients = await generateClients();
  const where = clients.map((c) => show(c.output)).join(", ");
  console.log(`db:generate: generated ${where} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
});
