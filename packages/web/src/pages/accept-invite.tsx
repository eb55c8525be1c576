import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { session } from '../api/session';
import { Button } from '../components/ui/button';
import { Field, Input } from '../components/ui/input';
import { ErrorMessage } from '../components/ui/states';
import { useTitle } from '../components/ui/page';
import { Link, navigate, useSearchParams } from '../lib/router';
import { AuthLayout } from './login';

/** Where an invitation link (`/accept-invite#token=…`) lands: choose a password and you are in. */
export function AcceptInvitePage() {
  useTitle('Accept invitation');
  const [params] = useSearchParams();
  // The server puts the token after # (never sent to a server, so never in a log); ?token= works too.
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? params.get('token') ?? '';
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (password !== repeat) {
      setError(new Error('The two passwords differ.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post('/api/v1/auth/accept-invite', { body: { token, password, ...(displayName ? { displayName } : {}) } });
      queryClient.clear();
      session.set(result);
      navigate('/', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <AuthLayout title="Invitation link incomplete" subtitle="The link has no token. Open the whole link from the invitation, or ask for a new one.">
        <Link to="/login" className="text-sm text-primary underline">
          Go to the login page
        </Link>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Join Muster" subtitle="Choose a password to accept the invitation.">
      <form onSubmit={(e) => void submit(e)} className="space-y-4">
        <Field label="Your name (optional)">{(id) => <Input id={id} autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}</Field>
        <Field label="Password" hint="At least 12 characters.">
          {(id) => <Input id={id} type="password" autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <Field label="Repeat the password">
          {(id) => <Input id={id} type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        {error !== undefined && <ErrorMessage title="Could not accept the invitation" error={error} />}
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? 'Joining…' : 'Accept and log in'}
        </Button>
      </form>
    </AuthLayout>
  );
}
