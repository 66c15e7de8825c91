// Regenerates lib/openapi/route-registry.generated.ts after a route file or docs/api.md changes.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { REGISTRY_FILE, renderRegistry } from "@/lib/openapi/render-registry";

const root = path.resolve(import.meta.dirname, "..");
writeFileSync(path.join(root, REGISTRY_FILE), renderRegistry(root));
console.log(`wrote ${REGISTRY_FILE}`);
