// Shown inside the shell while a portal page's server data loads.
export default function PortalLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse">
      <span className="sr-only">Loading…</span>
      <div className="mb-6 space-y-2">
        <div className="h-7 w-48 rounded bg-zinc-200" />
        <div className="h-4 w-96 max-w-full rounded bg-zinc-100" />
      </div>
      <div className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5">
        <div className="h-5 w-40 rounded bg-zinc-200" />
        <div className="h-4 w-full rounded bg-zinc-100" />
        <div className="h-4 w-5/6 rounded bg-zinc-100" />
        <div className="h-4 w-2/3 rounded bg-zinc-100" />
      </div>
    </div>
  );
}
