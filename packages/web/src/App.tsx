import { useEffect, useState } from 'react';

interface Readiness {
  status: string;
  checks?: Record<string, string>;
}

/** Placeholder console: proves the build and the serving path; the real pages come with their issue. */
export function App() {
  const [ready, setReady] = useState<Readiness | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    fetch('/readyz')
      .then((r) => r.json() as Promise<Readiness>)
      .then(setReady)
      .catch((e: unknown) => setError(String(e)));
  }, []);

  return (
    <main className="mx-auto max-w-2xl p-10">
      <h1 className="text-3xl font-semibold tracking-tight">Muster</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">Device inventory and fleet management.</p>
      <section className="mt-8 rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="font-medium">Server</h2>
        {error && <p className="mt-2 text-red-600">Cannot reach the server: {error}</p>}
        {!ready && !error && <p className="mt-2 text-slate-500">Checking…</p>}
        {ready && (
          <ul className="mt-2 space-y-1 text-sm" data-testid="readiness">
            <li>
              Status: <strong>{ready.status}</strong>
            </li>
            {Object.entries(ready.checks ?? {}).map(([name, value]) => (
              <li key={name}>
                {name}: {value}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4 text-sm">
          API documentation: <a className="text-blue-600 underline" href="/api/docs">/api/docs</a>
        </p>
      </section>
    </main>
  );
}
