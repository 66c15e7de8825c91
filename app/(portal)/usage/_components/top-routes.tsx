"use client";

import Link from "next/link";
import { errorRate, formatMs, formatRate, requestsHref } from "@/components/api-traffic/traffic-filters";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { UsageReport } from "@/lib/schemas/api-traffic";

type Props = { routes: UsageReport["by_route"]; locale: string; keyId?: string };

/** A route opens the request log filtered to it (and to the key the page is filtered by). */
function RouteLink({ route, keyId }: { route: string; keyId?: string }) {
  return (
    <Link href={requestsHref({ route, key: keyId })} className="font-mono text-xs break-all text-indigo-700 hover:underline" aria-label={`Requests to ${route}`}>
      {route}
    </Link>
  );
}

export function TopRoutes({ routes, locale, keyId }: Props) {
  const count = new Intl.NumberFormat(locale);
  const top = routes.slice(0, 10);
  return (
    <Card title="Top routes" description="The busiest routes in this range. A route opens its requests.">
      <Table label="Top routes" className="min-w-0">
        <thead>
          <tr>
            <Th>Route</Th>
            <Th className="text-right">Requests</Th>
            <Th className="text-right">Error rate</Th>
            <Th className="text-right">p95 latency</Th>
          </tr>
        </thead>
        <tbody>
          {top.map((route) => (
            <Tr key={route.route} data-testid="top-route" data-route={route.route}>
              <Td>
                <RouteLink route={route.route} keyId={keyId} />
              </Td>
              <Td className="text-right tabular-nums" label="Requests">
                {count.format(route.requests)}
              </Td>
              <Td className="text-right tabular-nums" label="Error rate">
                {formatRate(errorRate(route), locale)}
              </Td>
              <Td className="text-right tabular-nums" label="p95 latency">
                {formatMs(route.p95_ms, locale)}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
