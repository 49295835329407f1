/**
 * The background's side of a watchlist or steering change (`settings/edit`): the new fields, from the settings as
 * the database holds them in the same transaction. Pure.
 */
import { banTerm, clearTerm, forgetPaper, pinTerm, resetProfile } from '../cluster/profile';
import type { Settings } from '../settings';
import type { SettingsEdit } from './schema';
import { follow, unfollow } from './watchlist';

export function applySettingsEdit(
  settings: Readonly<Settings>,
  edit: SettingsEdit,
): Pick<Partial<Settings>, 'watchlist' | 'relevanceProfile'> {
  const steering = settings.relevanceProfile;
  switch (edit.op) {
    case 'follow':
      return { watchlist: follow(settings.watchlist, edit.kind, edit.entry) };
    case 'unfollow':
      return { watchlist: unfollow(settings.watchlist, edit.kind, edit.entry) };
    case 'pin':
      return { relevanceProfile: pinTerm(steering, edit.term) };
    case 'ban':
      return { relevanceProfile: banTerm(steering, edit.term) };
    case 'clear':
      return { relevanceProfile: clearTerm(steering, edit.term) };
    case 'forget':
      return { relevanceProfile: forgetPaper(steering, edit.id) };
    case 'reset':
      return { relevanceProfile: resetProfile() };
  }
}
