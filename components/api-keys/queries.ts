import { apiFetch } from "@/lib/client/api";
import type { ApiKeyView } from "@/lib/api-keys/api-keys";

export const API_KEYS_QUERY = ["api-keys"] as const;
export const API_KEYS_PATH = "/api/v1/auth/tenants/api-keys/";

/** Shared by the API keys page and the pages that filter by key (Usage, Requests): one cache entry. */
export const fetchApiKeys = () => apiFetch<{ data: ApiKeyView[] }>(API_KEYS_PATH);

export const API_KEYS_STORED_PATH = "/api/v1/auth/tenants/api-keys/stored/";
