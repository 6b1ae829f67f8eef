import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../rules';
import { CHECKLIST_SECTIONS } from '../../server/src/engine/types';

const root = join(__dirname, '..', '..');
const HEADINGS = ['## What it checks', '## Why it matters', '## Insecure example', '## Secure example', '## How to fix', '## When it is acceptable'];

describe('rule registry, files, docs and tests stay in step', () => {
  it('rules/index.ts is generated from the rule files', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'gen-rules-index.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('ids are unique kebab-case and match their file names', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    assert.deepEqual([...ids].sort(), files);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const rule of allRules) {
    const id = rule.meta.id;
    it(`${id}: metadata, page and test table`, () => {
      assert.ok(CHECKLIST_SECTIONS[rule.meta.checklist], 'checklist tag');
      assert.ok(rule.meta.title.length > 10, 'title');
      assert.ok(rule.meta.formats.length > 0, 'formats');
      const page = readFileSync(join(root, 'rules', `${id}.md`), 'utf8');
      assert.ok(page.startsWith(`# ${id}\n`), 'page title is the id');
      let last = -1;
      for (const h of HEADINGS) {
        const at = page.indexOf(`\n${h}\n`);
        assert.ok(at > last, `page has "${h}" in order`);
        last = at;
      }
      assert.ok(page.includes(`(${rule.meta.checklist})`), 'page names its checklist section tag');
      assert.ok(existsSync(join(root, 'test', 'rules', `${id}.test.ts`)), 'test table exists');
    });
  }

  it('the README lists every rule', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const rule of allRules) assert.ok(readme.includes(`\`${rule.meta.id}\``), `README lists ${rule.meta.id}`);
  });
});
