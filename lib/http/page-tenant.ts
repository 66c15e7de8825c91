/** The header a portal page sends to name the tenant it was rendered for (see assertPageTenant). */
export const PAGE_TENANT_HEADER = "x-portal-tenant";
