import { useQueryClient } from "@tanstack/react-query";
import { CONFIG_QUERY, DELIVERIES_QUERY, STATS_QUERY, type ConfigResponse } from "./queries";

/**
 * After anything that changes the endpoint or sends to it: the configuration
 * an answer carries is shown at once (without the one-time secret and the
 * ping, which are not part of it), then the configuration, the delivery log
 * and the health figures are read again.
 */
export function useRefreshWebhooks() {
  const queryClient = useQueryClient();
  return (answer?: ConfigResponse) => {
    if (answer) {
      const { secret: _secret, verification: _verification, ...config } = answer;
      queryClient.setQueryData(CONFIG_QUERY, config);
    }
    for (const queryKey of [CONFIG_QUERY, DELIVERIES_QUERY, STATS_QUERY]) void queryClient.invalidateQueries({ queryKey });
  };
}
