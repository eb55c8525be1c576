import { randomBytes } from 'node:crypto';
import type { UserAuth } from '../auth/plugin.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import type { OrgRow, OrgsStore } from './store.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return slug || 'org';
}

/** Creating, listing and renaming organisations: platform administrators' work. */
export class OrgsService {
  constructor(private readonly store: OrgsStore) {}

  list(): Promise<OrgRow[]> {
    return this.store.list();
  }

  async get(id: string): Promise<OrgRow> {
    const org = await this.store.get(id);
    if (!org) throw notFound('organisation');
    return org;
  }

  /** The creating platform administrator becomes the organisation's first admin, so it is never without one. */
  async create(caller: UserAuth, input: { name: string; slug?: string | undefined }): Promise<OrgRow> {
    const name = input.name.trim();
    if (!name) throw badRequest('name must not be empty');
    let slug = input.slug?.trim().toLowerCase() ?? slugFrom(name);
    if (!SLUG.test(slug)) throw badRequest('slug must be lower-case letters, digits and dashes, starting with a letter or digit (at most 63)');
    if (await this.store.slugTaken(slug)) {
      if (input.slug) throw conflict(`slug ${slug} is taken`);
      slug = `${slug}-${randomBytes(3).toString('hex')}`;
    }
    try {
      return await this.store.create({ name, slug }, { userId: caller.userId, role: 'admin' });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict(`slug ${slug} is taken`);
      throw error;
    }
  }

  async rename(id: string, name: string): Promise<{ before: OrgRow; after: OrgRow }> {
    const before = await this.get(id);
    const trimmed = name.trim();
    if (!trimmed) throw badRequest('name must not be empty');
    const after = await this.store.rename(id, trimmed);
    if (!after) throw notFound('organisation');
    return { before, after };
  }
}
