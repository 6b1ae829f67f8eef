import assert from 'node:assert/strict';
import { mergeSettings, parseSettings, settingsSection } from '../../server/src/lsp/settings';
import { applyOffsetEdits, minimalEdits } from '../../server/src/lsp/text-diff';
import { escapeMarkdown, render } from '../../server/src/lsp/markup';

/** A small deterministic generator (xorshift) so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('language server units', () => {
  describe('minimalEdits', () => {
    it('turns any text into any other (random line edits, mixed line endings)', () => {
      const next = rng(12345);
      const pieces = ['a=1', 'b=2', 'listeners=PLAINTEXT://:9092', '# c', '', 'é=ü', 'x=😀'];
      const eols = ['\n', '\r\n', '\r'];
      const gen = (n: number) => Array.from({ length: n }, () => pieces[Math.floor(next() * pieces.length)]! + eols[Math.floor(next() * eols.length)]!).join('');
      for (let i = 0; i < 500; i++) {
        const before = gen(Math.floor(next() * 12));
        const lines = before.split(/(?<=\n|\r(?!\n))/);
        const after = lines
          .filter(() => next() > 0.2)
          .map((l) => (next() > 0.8 ? l.replace(/=/, '==') : l))
          .concat(next() > 0.5 ? [gen(2)] : [])
          .join('');
        const edits = minimalEdits(before, after);
        assert.equal(applyOffsetEdits(before, edits), after, JSON.stringify({ before, after, edits }));
        for (let k = 1; k < edits.length; k++) assert.ok(edits[k]!.span.start >= edits[k - 1]!.span.end);
      }
    });

    it('edits only what changed', () => {
      assert.deepEqual(minimalEdits('a=1\nb=2\nc=3\n', 'a=1\nb=22\nc=3\nd=4\n'), [
        { span: { start: 7, end: 7 }, newText: '2' },
        { span: { start: 12, end: 12 }, newText: 'd=4\n' },
      ]);
      assert.deepEqual(minimalEdits('same', 'same'), []);
      // 😀 → 😁 share their first UTF-16 unit; the edit still covers the whole character.
      assert.deepEqual(minimalEdits('x=😀\n', 'x=😁\n'), [{ span: { start: 2, end: 4 }, newText: '😁' }]);
    });

    it('falls back to one hunk beyond the distance limit', () => {
      const before = Array.from({ length: 50 }, (_, i) => `k${i}=v\n`).join('');
      const after = Array.from({ length: 50 }, (_, i) => `k${i}=w\n`).join('');
      const edits = minimalEdits(before, after, 3);
      assert.equal(applyOffsetEdits(before, edits), after);
    });
  });

  describe('settings', () => {
    it('reads VS Code, nested and flat shapes', () => {
      assert.deepEqual(settingsSection({ kafkalint: { enable: false } }), { enable: false });
      assert.deepEqual(settingsSection({ settings: { kafkalint: { enable: false } } }), { enable: false });
      assert.deepEqual(settingsSection({ enable: false }), { enable: false });
      assert.equal(settingsSection(null), undefined);
    });

    it('keeps valid fields and names the invalid ones', () => {
      const { settings, problems } = parseSettings({ enable: 'yes', rules: { a: 'Warning', b: 'information', c: 'nope' }, kafkaVersion: '3.9', debounceMs: -1 });
      assert.deepEqual(settings, { rules: { a: 'warning', b: 'info' }, kafkaVersion: '3.9' });
      assert.deepEqual(problems, ['kafkalint.enable must be true or false', 'kafkalint.rules.c must be one of error, warning, info, off', 'kafkalint.debounceMs must be a number of milliseconds (0 or more)']);
    });

    it('merges layers field by field; an empty kafkaVersion means detect', () => {
      const merged = mergeSettings({ rules: { a: 'error' }, kafkaVersion: '3.9', debounceMs: 0 }, parseSettings({ rules: { b: 'off' }, kafkaVersion: '' }).settings);
      assert.deepEqual(merged, { enable: true, rules: { a: 'error', b: 'off' }, debounceMs: 0 });
    });
  });

  describe('markup', () => {
    it('escapes what changes rendering, keeps words with underscores readable', () => {
      assert.equal(escapeMarkdown('SASL_SSL <PATH> *x* [y] `z` _a_'), 'SASL_SSL \\<PATH\\> \\*x\\* \\[y\\] \\`z\\` \\_a\\_');
    });

    it('renders the same content as Markdown or plain text', () => {
      const sections = [[[{ bold: 'Title' }, ' ', { code: 'a`b' }], ['see ', { link: 'docs', url: 'https://x/y' }]], [['second']]];
      assert.equal(render(sections, true), '**Title** ``a`b``\n\nsee [docs](https://x/y)\n\n---\n\nsecond');
      assert.equal(render(sections, false), 'Title a`b\nsee docs: https://x/y\n\nsecond');
    });
  });
});
