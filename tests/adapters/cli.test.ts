import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FIXTURES, INDEX, REPO_ROOT } from './helpers';

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'lib/cli/main.ts', ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each case spawns a Node process (about a second): run them side by side.
describe.concurrent('extract command', () => {
  // The counts index.json gives are what the command prints.
  for (const entry of INDEX.filter((e) => e.file.endsWith('.html'))) {
    it(`prints ${entry.cards} papers for ${entry.file}`, async () => {
      const { code, stdout } = await cli(['extract', `${FIXTURES}${entry.file}`, '--url', entry.url]);
      expect(code).toBe(0);
      const output = JSON.parse(stdout);
      expect(Object.keys(output)).toEqual(['adapter', 'kind', 'papers', 'failures']);
      expect(output.papers).toHaveLength(entry.cards);
      expect(output.failures).toEqual([]);
    });
  }

  it('uses the generic extractor when forced', async () => {
    const { code, stdout } = await cli([
      'extract',
      `${FIXTURES}arxiv/arxiv-abs-2106.09608-2021-12.html`,
      '--url',
      'https://arxiv.org/abs/2106.09608',
      '--generic',
    ]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.adapter).toBe('generic');
    expect(output.papers.map((p: { id: string }) => p.id)).toEqual(['2106.09608']);
  });

  it('exits 1 with a clear message for a missing file', async () => {
    const { code, stderr, stdout } = await cli([
      'extract',
      'no/such/page.html',
      '--url',
      'https://arxiv.org/list/cs/new',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/cannot read no\/such\/page\.html/);
  });

  it('exits 2 with the usage when --url is missing', async () => {
    const { code, stderr } = await cli(['extract', `${FIXTURES}arxiv/arxiv-list-cs-9101-empty-2024-06.html`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing --url/);
    expect(stderr).toMatch(/usage: /);
  });
});
