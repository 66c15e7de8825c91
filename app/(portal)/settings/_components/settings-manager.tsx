"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { CurrenciesCard } from "./currencies-card";
import { PlatformFeeCard } from "./platform-fee-card";
import { FEES_PATH, FEES_QUERY, SETTINGS_PATH, SETTINGS_QUERY, type CurrencySettings, type TenantFeesView } from "./queries";

type Props = { initialSettings: CurrencySettings; initialFees: TenantFeesView; canEdit: boolean };

export function SettingsManager({ initialSettings, initialFees, canEdit }: Props) {
  const { data: settings } = useQuery({
    queryKey: SETTINGS_QUERY,
    queryFn: () => apiFetch<CurrencySettings>(SETTINGS_PATH),
    initialData: initialSettings,
  });
  const { data: fees } = useQuery({
    queryKey: FEES_QUERY,
    queryFn: () => apiFetch<TenantFeesView>(FEES_PATH),
    initialData: initialFees,
  });
  return (
    <div className="space-y-6">
      <CurrenciesCard settings={settings} canEdit={canEdit} />
      <PlatformFeeCard fees={fees} defaultCurrency={settings.default_currency} />
    </div>
  );
}
