import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, KeyBindings, Settings } from '../lib/settings';

describe('settings', () => {
  it('has written-out defaults equal to what the schema gives for an empty object', () => {
    expect(Settings.parse({})).toEqual(DEFAULT_SETTINGS);
    expect(KeyBindings.parse({})).toEqual(DEFAULT_SETTINGS.keys);
    expect(Settings.parse({ keys: {} }).keys).toEqual(DEFAULT_SETTINGS.keys);
  });

  it('keeps the defaults from being changed through a parsed copy', () => {
    const parsed = Settings.parse({});
    parsed.keys.save = 'w';
    parsed.disabledSites.push('arxiv');
    expect(DEFAULT_SETTINGS.keys.save).toBe('s');
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
    expect(Settings.parse({}).keys.save).toBe('s');
  });

  it('refuses a key binding that is empty or too long, naming the field', () => {
    const result = Settings.safeParse({ keys: { save: '' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['keys', 'save']);
    expect(KeyBindings.safeParse({ next: 'x'.repeat(17) }).success).toBe(false);
  });
});
