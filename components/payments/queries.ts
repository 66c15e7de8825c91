import { apiFetch } from "@/lib/client/api";
import type { PaymentDetailResource, PaymentsPage, PaymentsSummaryResource, PortalRefundInput, RefundResource } from "@/lib/schemas/payments";
import { filtersToApiQuery, type PaymentFilters, type PaymentMode } from "./payment-filters";

export const PAYMENTS_PATH = "/api/v1/auth/tenants/payments/";
/** Everything cached about payments sits under this key: a refund refreshes the list, the detail and the chart at once. */
export const PAYMENTS_QUERY = ["payments"] as const;
export const PAGE_SIZE = 25;

export const paymentsListKey = (filters: PaymentFilters) => [...PAYMENTS_QUERY, "list", filters] as const;
export const paymentDetailKey = (id: string) => [...PAYMENTS_QUERY, "detail", id] as const;
export const paymentsSummaryKey = (mode: PaymentMode) => [...PAYMENTS_QUERY, "summary", mode] as const;

export const fetchPayments = (filters: PaymentFilters, cursor?: string) =>
  apiFetch<PaymentsPage>(`${PAYMENTS_PATH}?${filtersToApiQuery(filters, { cursor, limit: PAGE_SIZE })}`);

export const fetchPayment = (id: string) => apiFetch<PaymentDetailResource>(`${PAYMENTS_PATH}${encodeURIComponent(id)}/`);

export const refundPayment = (id: string, body: PortalRefundInput) =>
  apiFetch<RefundResource>(`${PAYMENTS_PATH}${encodeURIComponent(id)}/refund/`, { body });

export const fetchPaymentsSummary = (mode: PaymentMode) => apiFetch<PaymentsSummaryResource>(`${PAYMENTS_PATH}summary/?days=30&mode=${mode}`);

/** The CSV of what the list shows: the same filters, every page. */
export const exportUrl = (filters: PaymentFilters) => `${PAYMENTS_PATH}export/?${filtersToApiQuery(filters)}`;
