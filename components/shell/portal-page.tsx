import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/shell/page-header";
import type { Caller } from "@/lib/auth/caller";
import { requirePageCaller } from "@/lib/auth/current-caller";
import { howToGetAccess, mayOpenPage, PORTAL_PAGES, TWO_FACTOR_ENROLMENT_PAGE, whoMayOpen, type PortalPageInfo, type PortalPath } from "@/lib/auth/page-access";
import { mustEnrolTwoFactor } from "@/lib/auth/two-factor-rules";
import { redirect } from "next/navigation";

export type PageSearchParams = Record<string, string | string[] | undefined>;

export type PageParams = Record<string, string | string[] | undefined>;

export type PortalPageContext = { caller: Caller; page: PortalPageInfo; params: PageParams; searchParams: PageSearchParams };

/**
 * Every portal page's default export: signs the visitor in, applies the page's
 * minRole (or, on a platform page, the operator role) from PORTAL_PAGES, and
 * only then renders the page. A member held at two-factor enrolment is sent
 * to the enrolment page from every other page. The gate sits in
 * the page segment, not the shared layout, because a layout is not rendered
 * again on client-side navigation and cannot keep a page it wraps out of the
 * RSC payload.
 */
export function portalPage(path: PortalPath, render: (context: PortalPageContext) => ReactNode | Promise<ReactNode>) {
  return async function PortalPage({ params, searchParams }: { params: Promise<PageParams>; searchParams: Promise<PageSearchParams> }) {
    const page = PORTAL_PAGES[path];
    const caller = await requirePageCaller(path);
    // Before anything else: a member whose tenant requires two-factor enrols first.
    if (mustEnrolTwoFactor(caller) && path !== TWO_FACTOR_ENROLMENT_PAGE) redirect(`${TWO_FACTOR_ENROLMENT_PAGE}?two_factor=required`);
    if (!mayOpenPage(caller, path)) {
      return (
        <>
          <PageHeader title={page.label} description={page.description} />
          <AccessDenied what={page.subject} who={whoMayOpen(path)} how={howToGetAccess(path, caller.tenantName)} />
        </>
      );
    }
    return render({ caller, page, params: await params, searchParams: await searchParams });
  };
}

export function portalPageMetadata(path: PortalPath): Metadata {
  return { title: PORTAL_PAGES[path].label };
}
