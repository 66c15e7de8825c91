/**
 * The colour theme a person picked: follow the system (the default), or
 * always light, or always dark. The choice lives in a cookie so the server
 * puts the matching class on <html> and the first paint is already right;
 * "system" is resolved by the browser with a prefers-color-scheme media query.
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
export const DEFAULT_THEME: Theme = "system";

export const THEME_LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** The theme a cookie value names; anything else (absent, stale, tampered) follows the system. */
export function parseTheme(value: string | null | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? DEFAULT_THEME;
}

/** The class on <html>: globals.css keys the dark tokens off `dark`, and off `system` inside the media query. */
export function themeClass(theme: Theme): string {
  return `theme-${theme}`;
}

/** A document.cookie assignment storing the choice for a year, for every path. */
export function themeCookie(theme: Theme): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax`;
}
