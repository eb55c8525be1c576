import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Boxes } from 'lucide-react';
import { api, ApiError } from '../api/client';
import { session } from '../api/session';
import { Button } from '../components/ui/button';
import { Field, Input } from '../components/ui/input';
import { ErrorMessage } from '../components/ui/states';
import { useTitle } from '../components/ui/page';
import { navigate, safeNext, useSearchParams } from '../lib/router';

/** The login page; after logging in it returns to `?next=` (where an expired session left off). */
export function LoginPage() {
  useTitle('Log in');
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post('/api/v1/auth/login', { body: { email, password, ...(needsCode ? { totpCode } : {}) } });
      queryClient.clear();
      session.set(result);
      navigate(next, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'totp_required') setNeedsCode(true);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Log in to Muster" subtitle={params.get('next') ? 'Your session ended. Log in to continue where you were.' : 'Device inventory and fleet management.'}>
      <form onSubmit={(e) => void submit(e)} className="space-y-4">
        <Field label="E-mail">{(id) => <Input id={id} type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />}</Field>
        <Field label="Password">
          {(id) => <Input id={id} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        {needsCode && (
          <Field label="Two-factor code" hint="The 6-digit code from your authenticator app.">
            {(id) => <Input id={id} inputMode="numeric" autoComplete="one-time-code" required autoFocus value={totpCode} onChange={(e) => setTotpCode(e.target.value)} />}
          </Field>
        )}
        {error !== undefined && <ErrorMessage title="Could not log in" error={error} />}
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </Button>
      </form>
      <p className="mt-6 text-xs text-muted-foreground">
        First start? The server printed the administrator's e-mail when it started (admin@muster.local unless MUSTER_ADMIN_EMAIL was set); the password is MUSTER_ADMIN_PASSWORD or the one it printed.
      </p>
    </AuthLayout>
  );
}

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border bg-card p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <Boxes className="size-6 text-primary" aria-hidden />
          <span className="text-lg font-semibold tracking-tight">Muster</span>
        </div>
        <h1 className="text-xl font-semibold">{title}</h1>
        {subtitle && <p className="mt-1 mb-6 text-sm text-muted-foreground">{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}
