"use client";

import { useCallback, useSyncExternalStore } from "react";
import { THEMES, themeClass, themeCookie, type Theme } from "@/lib/theme";

/** The theme <html> carries: the server put it there from the cookie, a choice below changes it. */
function readTheme(): Theme {
  const classes = document.documentElement.classList;
  return THEMES.find((theme) => classes.contains(themeClass(theme))) ?? "system";
}

// Every switcher on the page shows the same choice: they all watch <html>.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** The current theme and a way to choose another: stored in the cookie and applied at once, without a reload. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  // The server renders the switch before it can see <html>: "system" until hydration reads the real one.
  const theme = useSyncExternalStore(subscribe, readTheme, () => "system" as const);
  const choose = useCallback((next: Theme) => {
    document.cookie = themeCookie(next);
    const classes = document.documentElement.classList;
    for (const other of THEMES) classes.remove(themeClass(other));
    classes.add(themeClass(next));
  }, []);
  return [theme, choose];
}
