import { ImageResponse } from "next/og";

// The home-screen icon, drawn at build time from the same mark as app/icon.svg: no binary in the repository.
export const size = { width: 180, height: 180 };
export const contentType = "image/png";

export default function AppleIcon() {
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", alignItems: "center", justifyContent: "center", background: "#4f46e5" }}>
        <svg width="120" height="120" viewBox="0 0 32 32" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="12" cy="20" r="5" />
          <path d="M15.5 16.5 24 8" />
          <path d="m21 11 3 3" />
          <path d="m18.5 13.5 2.5 2.5" />
        </svg>
      </div>
    ),
    size,
  );
}
