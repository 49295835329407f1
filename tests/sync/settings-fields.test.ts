import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatch } from '../../lib/settings';
import { HybridClock } from '../../lib/sync/hlc';
import { captureSettings, materialiseSettings, settingsShadow } from '../../lib/sync/records';

describe('synced settings', () => {
  it('carry the watchlist and the relevance steering (the person’s, not the device’s)', () => {
    const clock = new HybridClock('deva', () => 1_800_000_000_000);
    const settings = {
      ...DEFAULT_SETTINGS,
      watchlist: { authors: ['Y. LeCun'], keywords: ['diffusion'] },
      relevanceProfile: { pinned: ['protein'], banned: ['graph'], forgotten: ['2501.00001'] },
    };
    const doc = captureSettings(null, settingsShadow(DEFAULT_SETTINGS), settings, clock);
    expect(doc).not.toBeNull();
    const back = SettingsPatch.parse(materialiseSettings(doc as NonNullable<typeof doc>));
    expect(back.watchlist).toEqual(settings.watchlist);
    expect(back.relevanceProfile).toEqual(settings.relevanceProfile);
  });
});
