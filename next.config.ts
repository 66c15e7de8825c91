import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // API paths end in a slash (the contract existing clients call), and the
  // same path without one must answer too, for every method, without a
  // redirect (a redirect would drop a POST's body).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Settings are split into the person's profile and the organization's; old links land on the profile.
  async redirects() {
    return ["/settings", "/settings/"].map((source) => ({ source, destination: "/settings/profile", permanent: false }));
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // JSON answers never need to run anything; pages get a nonce CSP from proxy.ts.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      // Nothing is cached, except the OpenAPI document: the same for everyone until the next deploy (its route sets its own).
      { source: "/api", headers: [{ key: "Cache-Control", value: "no-store" }] },
      { source: "/api/:path((?!v1/openapi\\.json(?:/|$)).*)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
