import type { BrowserSection } from '@muster/protocol';
import type { CollectContext } from '../context.js';

/** A local account whose browser profiles to read. */
export interface UserHome {
  user: string;
  home: string;
}

/**
 * Browser extensions of every profile of every given user, for Chrome, Chromium, Edge, Brave and
 * Firefox, with the profile folder layout of the given OS. Shared by the three platforms: only
 * where the profiles live differs.
 */
export async function collectBrowserExtensions(ctx: CollectContext, homes: UserHome[], layout: 'linux' | 'windows' | 'macos'): Promise<BrowserSection> {
  void ctx;
  void homes;
  void layout;
  throw new Error('not implemented yet');
}
