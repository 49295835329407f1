import { describe, expect, it } from 'vitest';
import { SITE_ADAPTERS } from '../../lib/adapters/registry';
import { ANNOTATED_SITES } from '../../lib/views/annotated-sites';

describe('the sites the settings list', () => {
  it('are the site adapters, each once, by their ids', () => {
    expect(ANNOTATED_SITES.map((s) => s.id).sort()).toEqual(SITE_ADAPTERS.map((a) => a.id).sort());
    expect(new Set(ANNOTATED_SITES.map((s) => s.name)).size).toBe(ANNOTATED_SITES.length);
  });
});
