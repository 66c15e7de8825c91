import base from "./playwright.config";
export default { ...base, timeout: 400_000, expect: { timeout: 30_000 } };
