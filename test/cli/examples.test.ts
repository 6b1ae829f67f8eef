import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runCli } from './helpers';

interface JsonFile {
  path: string;
  findings: Array<{ ruleId: string; severity: string; line: number }>;
  problems: Array<{ message: string }>;
}

const EXAMPLES = path.join(ROOT, 'examples');
const PAIRS = ['server.properties', 'client.properties', 'log4j.properties', 'zookeeper-mode/server.properties', 'zookeeper-mode/zoo.cfg'];

async function lintJson(args: string[]): Promise<{ code: number; files: JsonFile[] }> {
  const r = await runCli(['-f', 'json', ...args], { cwd: ROOT });
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFile[] };
}

describe('examples/', () => {
  it('has an insecure and a secure version of each configuration', () => {
    for (const rel of PAIRS) {
      assert.ok(fs.existsSync(path.join(EXAMPLES, 'insecure', rel)), `insecure/${rel}`);
      assert.ok(fs.existsSync(path.join(EXAMPLES, 'secure', rel)), `secure/${rel}`);
    }
  });

  it('`kafkalint examples` (what npm start runs) finds every file and fails', async () => {
    const { code, files } = await lintJson(['examples']);
    assert.equal(code, 1);
    assert.deepEqual(
      files.map((f) => f.path),
      [...PAIRS.map((p) => `examples/insecure/${p}`), ...PAIRS.map((p) => `examples/secure/${p}`)].sort(),
    );
  });

  for (const rel of PAIRS) {
    it(`insecure/${rel} has findings that fail the run`, async () => {
      const { code, files } = await lintJson([`examples/insecure/${rel}`]);
      assert.equal(code, 1);
      assert.ok(files[0]!.findings.some((f) => f.severity === 'error' || f.severity === 'warning'));
    });

    it(`secure/${rel} gets no finding from any rule`, async () => {
      const { code, files } = await lintJson(['--fail-on', 'info', `examples/secure/${rel}`]);
      assert.deepEqual(
        files[0]!.findings.map((f) => `${f.line} ${f.ruleId}`),
        [],
        'a rule fires on a secure example: either the example or the rule is wrong',
      );
      assert.deepEqual(files[0]!.problems, []);
      assert.equal(code, 0);
    });
  }

  it('the insecure broker shows the headline rules', async () => {
    const { files } = await lintJson(['examples/insecure/server.properties']);
    const ids = new Set(files[0]!.findings.map((f) => f.ruleId));
    for (const id of ['plaintext-listener', 'no-authorizer']) assert.ok(ids.has(id), id);
  });
});
