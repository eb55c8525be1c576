import { useTitle } from '../../components/ui/page';
import { cn } from '../../components/ui/cn';
import { roleCan, useMe, type Permission } from '../../lib/auth';
import { Link } from '../../lib/router';
import { AccountSettings } from './account';
import { ApiKeysSettings } from './api-keys';
import { AuditLog } from './audit';
import { CustomFieldsSettings } from './custom-fields';
import { EnrollmentSettings } from './enrollment';
import { OrganisationsSettings } from './organisations';
import { UsersSettings } from './users';

const SECTIONS: Array<{ id: string; label: string; needs?: Permission; platformAdmin?: boolean; page: () => React.ReactNode }> = [
  { id: 'users', label: 'Users and roles', needs: 'users:read', page: () => <UsersSettings /> },
  { id: 'api-keys', label: 'API keys', needs: 'apikeys:read', page: () => <ApiKeysSettings /> },
  { id: 'enrollment', label: 'Enrollment tokens', needs: 'enrollment:read', page: () => <EnrollmentSettings /> },
  { id: 'custom-fields', label: 'Custom fields', needs: 'devices:read', page: () => <CustomFieldsSettings /> },
  { id: 'organisations', label: 'Organisations', page: () => <OrganisationsSettings /> },
  { id: 'audit', label: 'Audit log', needs: 'audit:read', page: () => <AuditLog /> },
  { id: 'account', label: 'Your account', page: () => <AccountSettings /> },
];

export function SettingsPage({ params }: { params: Record<string, string> }) {
  const me = useMe().data;
  // Sections the role cannot read are not offered; opened by URL anyway, the API's 403 is shown.
  const visible = SECTIONS.filter((s) => !s.needs || roleCan(me, s.needs));
  const current = SECTIONS.find((s) => s.id === params.section) ?? visible[0] ?? SECTIONS.at(-1)!;
  useTitle(current.label);

  return (
    <div className="flex gap-6">
      <nav aria-label="Settings" className="w-48 shrink-0 space-y-0.5">
        <h1 className="mb-3 px-3 text-xl font-semibold tracking-tight">Settings</h1>
        {visible.map((s) => (
          <Link
            key={s.id}
            to={`/settings/${s.id}`}
            aria-current={s.id === current.id ? 'page' : undefined}
            className={cn('block rounded-md px-3 py-1.5 text-sm', s.id === current.id ? 'bg-accent font-medium' : 'text-muted-foreground hover:bg-muted hover:text-foreground')}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      <section className="min-w-0 flex-1">{current.page()}</section>
    </div>
  );
}
