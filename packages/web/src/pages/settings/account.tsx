import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { TotpSetup } from '../../api/types';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader } from '../../components/ui/card';
import { CodeBlock } from '../../components/ui/copy-button';
import { Field, Input } from '../../components/ui/input';
import { PageHeader } from '../../components/ui/page';
import { useMe } from '../../lib/auth';
import { showToast } from '../../lib/toast';

export function AccountSettings() {
  const me = useMe().data;
  return (
    <div className="space-y-6">
      <PageHeader title="Your account" description={me ? `Signed in as ${me.role}${me.platformAdmin ? ' (platform administrator)' : ''}.` : undefined} />
      {me?.kind === 'user' ? (
        <>
          <PasswordCard />
          <TwoFactorCard />
        </>
      ) : (
        <p className="text-sm text-muted-foreground">API keys have no password or two-factor settings.</p>
      )}
    </div>
  );
}

function PasswordCard() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => api.post('/api/v1/auth/password', { body: { current, new: next } }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      showToast({ kind: 'success', title: 'Password changed', message: 'Your other sessions have been signed out.' });
    },
  });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <Card>
      <CardHeader title="Password" description="Changing it signs out your other sessions." />
      <CardContent>
        <form onSubmit={submit} className="max-w-sm space-y-3">
          <Field label="Current password">{(id) => <Input id={id} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />}</Field>
          <Field label="New password" hint="At least 12 characters.">{(id) => <Input id={id} type="password" autoComplete="new-password" required minLength={12} value={next} onChange={(e) => setNext(e.target.value)} />}</Field>
          <Button type="submit" disabled={change.isPending}>
            Change password
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function TwoFactorCard() {
  const queryClient = useQueryClient();
  const [setup, setSetup] = useState<TotpSetup>();
  const [code, setCode] = useState('');
  const [enabled, setEnabled] = useState<boolean>();
  const start = useMutation({ mutationFn: () => api.post('/api/v1/auth/totp/setup'), onSuccess: setSetup });
  const enable = useMutation({
    mutationFn: () => api.post('/api/v1/auth/totp/enable', { body: { code } }),
    onSuccess: () => {
      setSetup(undefined);
      setCode('');
      setEnabled(true);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      showToast({ kind: 'success', title: 'Two-factor authentication is on' });
    },
  });
  const disable = useMutation({
    mutationFn: () => api.delete('/api/v1/auth/totp', { body: { code } }),
    onSuccess: () => {
      setCode('');
      setEnabled(false);
      showToast({ kind: 'success', title: 'Two-factor authentication is off' });
    },
  });
  return (
    <Card>
      <CardHeader title="Two-factor authentication" description="A code from an authenticator app at every login." />
      <CardContent className="space-y-3">
        {setup ? (
          <form
            className="max-w-lg space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              enable.mutate();
            }}
          >
            <p className="text-sm">Add this secret to your authenticator app (or open the otpauth link on your phone), then type the code it shows.</p>
            <CodeBlock text={setup.secret} label="Copy secret" />
            <CodeBlock text={setup.otpauthUrl} label="Copy link" />
            <Field label="Code">{(id) => <Input id={id} inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} className="w-40" />}</Field>
            <Button type="submit" disabled={enable.isPending}>
              Turn on
            </Button>
          </form>
        ) : (
          <div className="flex flex-wrap items-end gap-3">
            <Button variant="outline" onClick={() => start.mutate()} disabled={start.isPending}>
              Set up two-factor authentication
            </Button>
            <span className="text-xs text-muted-foreground">or, to turn it off:</span>
            <Input aria-label="Current two-factor code" placeholder="Current code" inputMode="numeric" className="w-36" value={code} onChange={(e) => setCode(e.target.value)} />
            <Button variant="outline" onClick={() => disable.mutate()} disabled={disable.isPending || !code}>
              Turn off
            </Button>
          </div>
        )}
        {enabled !== undefined && <p className="text-xs text-muted-foreground">Two-factor authentication is now {enabled ? 'on' : 'off'}.</p>}
      </CardContent>
    </Card>
  );
}
