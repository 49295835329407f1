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

  it('carry theme, keys and disabled sites; a device setting (hide dismissed) stays on its device', () => {
    const clock = new HybridClock('deva', () => 1_800_000_000_000);
    const settings = {
      ...DEFAULT_SETTINGS,
      theme: 'dark' as const,
      keys: { ...DEFAULT_SETTINGS.keys, save: 'x', dismiss: 'z' },
      disabledSites: ['openreview'],
      hideDismissed: true,
    };
    const doc = captureSettings(null, settingsShadow(DEFAULT_SETTINGS), settings, clock);
    expect(doc).not.toBeNull();
    const synced = doc as NonNullable<typeof doc>;
    expect(Object.keys(synced.f)).not.toContain('hideDismissed');
    const back = SettingsPatch.parse(materialiseSettings(synced));
    expect(back.theme).toBe('dark');
    expect(back.keys).toEqual(settings.keys);
    expect(back.disabledSites).toEqual(['openreview']);
    expect(back.hideDismissed).toBeUndefined();

    // Flipping the device setting alone writes nothing for the other devices.
    const flipped = { ...settings, hideDismissed: false };
    expect(captureSettings(synced, settingsShadow(settings), flipped, clock)).toBe(synced);
    // A device that joins with only its device setting changed has nothing to send.
    expect(captureSettings(null, undefined, { ...DEFAULT_SETTINGS, hideDismissed: true }, clock)).toBeNull();
  });
});
