export const API_KEYS_QUERY = ["api-keys"] as const;
export const API_KEYS_PATH = "/api/v1/auth/tenants/api-keys/";
