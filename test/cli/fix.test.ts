import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decode, encode } from '../../server/src/cli/files';
import { onlyRules, runCli, tempDir, TEST_RULE_IDS, useTestRules, writeTree } from './helpers';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FIXED_LINE = 'cli-test-flag: Set demo.flag to secure and add demo.added';

describe('kafkalint --fix', () => {
  useTestRules();
  const only = () => onlyRules(...TEST_RULE_IDS);

  function listDir(d: string): string[] {
    return fs.readdirSync(d).sort();
  }

  it('keeps a UTF-8 BOM, CRLF line endings and the file mode; a second run changes nothing', async () => {
    const d = tempDir();
    const before = Buffer.concat([BOM, Buffer.from('# kafkalint: role=client\r\n# café ☕ config\r\ndemo.flag=insecure\r\ndemo.other=1\r\n', 'utf8')]);
    const after = Buffer.concat([BOM, Buffer.from('# kafkalint: role=client\r\n# café ☕ config\r\ndemo.flag=secure\r\ndemo.added=yes\r\ndemo.other=1\r\n', 'utf8')]);
    const file = path.join(d, 'client.properties');
    fs.writeFileSync(file, before);
    fs.chmodSync(file, 0o640);

    const first = await runCli(['--fix', ...only(), 'client.properties'], { cwd: d });
    assert.equal(first.stdout, `client.properties: fixed 1 finding: ${FIXED_LINE}\n`);
    assert.equal(first.code, 0, 'nothing remains');
    assert.deepEqual(fs.readFileSync(file), after);
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(listDir(d), ['client.properties'], 'no temporary file is left behind');

    const second = await runCli(['--fix', ...only(), 'client.properties'], { cwd: d });
    assert.equal(second.stdout, '');
    assert.equal(second.code, 0);
    assert.deepEqual(fs.readFileSync(file), after);
  });

  it('writes an ISO-8859-1 file back as ISO-8859-1', async () => {
    const d = tempDir();
    const before = Buffer.from('# kafkalint: role=client\n# Broker für Zürich\ndemo.flag=insecure\n', 'latin1');
    const after = Buffer.from('# kafkalint: role=client\n# Broker für Zürich\ndemo.flag=secure\ndemo.added=yes\n', 'latin1');
    assert.equal(before.includes(Buffer.from('ü', 'utf8')), false);
    const file = path.join(d, 'latin1.properties');
    fs.writeFileSync(file, before);

    const first = await runCli(['--fix', ...only(), 'latin1.properties'], { cwd: d });
    assert.equal(first.stdout, `latin1.properties: fixed 1 finding: ${FIXED_LINE}\n`);
    assert.deepEqual(fs.readFileSync(file), after);
    const second = await runCli(['--fix', ...only(), 'latin1.properties'], { cwd: d });
    assert.equal(second.stdout, '');
    assert.deepEqual(fs.readFileSync(file), after);
  });

  it('reports what remains after fixing, and fixes every file of a folder', async () => {
    const d = tempDir();
    writeTree(d, {
      'a.properties': '# kafkalint: role=client\ndemo.flag=insecure\ndemo.password=S3cr3t-Value!\n',
      'b/c.properties': '# kafkalint: role=client\ndemo.flag=insecure\n',
    });
    const r = await runCli(['--fix', ...only()], { cwd: d });
    assert.equal(
      r.stdout,
      `a.properties: fixed 1 finding: ${FIXED_LINE}\n` +
        `b/c.properties: fixed 1 finding: ${FIXED_LINE}\n` +
        'a.properties:4:15: error cli-test-secret demo.password is written in clear text.\n',
    );
    assert.equal(r.code, 1);
    assert.equal(fs.readFileSync(path.join(d, 'b/c.properties'), 'utf8'), '# kafkalint: role=client\ndemo.flag=secure\ndemo.added=yes\n');
  });

  it('with JSON or SARIF output, says what it fixed on stderr', async () => {
    const d = tempDir();
    writeTree(d, { 'a.properties': '# kafkalint: role=client\ndemo.flag=insecure\n' });
    const r = await runCli(['--fix', '-f', 'json', ...only()], { cwd: d });
    assert.equal(r.stderr, `a.properties: fixed 1 finding: ${FIXED_LINE}\n`);
    assert.deepEqual(JSON.parse(r.stdout), [{ path: 'a.properties', errorCount: 0, warningCount: 0, infoCount: 0, fixableCount: 0, findings: [], problems: [] }]);
  });

  it('writes through a symbolic link and keeps the link', async () => {
    const d = tempDir();
    writeTree(d, { 'real/target.properties': '# kafkalint: role=client\ndemo.flag=insecure\n' });
    fs.symlinkSync(path.join('real', 'target.properties'), path.join(d, 'link.properties'));
    await runCli(['--fix', ...only(), 'link.properties'], { cwd: d });
    assert.ok(fs.lstatSync(path.join(d, 'link.properties')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(d, 'real/target.properties'), 'utf8'), '# kafkalint: role=client\ndemo.flag=secure\ndemo.added=yes\n');
  });

  it('leaves suggestions alone', async () => {
    const d = tempDir();
    const text = '# kafkalint: role=client\ndemo.note=x\n';
    writeTree(d, { 'n.properties': text });
    const r = await runCli(['--fix', ...only()], { cwd: d });
    assert.equal(r.stdout, 'n.properties:2:1: info cli-test-note demo.note is set.\n');
    assert.equal(fs.readFileSync(path.join(d, 'n.properties'), 'utf8'), text);
  });
});

describe('kafkalint --fix-dry-run', () => {
  useTestRules();
  const only = () => onlyRules(...TEST_RULE_IDS);

  it('prints a unified diff with secrets masked and changes nothing', async () => {
    const d = tempDir();
    const text = '# kafkalint: role=client\ndemo.password=S3cr3t-Value!\ndemo.flag=insecure\ndemo.other=1\n';
    writeTree(d, { 'a.properties': text });
    const r = await runCli(['--fix-dry-run', ...only()], { cwd: d });
    assert.equal(
      r.stdout,
      `a.properties: would fix 1 finding: ${FIXED_LINE}\n` +
        '--- a/a.properties\n' +
        '+++ b/a.properties\n' +
        '@@ -1,4 +1,5 @@\n' +
        ' # kafkalint: role=client\n' +
        ' demo.password=********\n' +
        '-demo.flag=insecure\n' +
        '+demo.flag=secure\n' +
        '+demo.added=yes\n' +
        ' demo.other=1\n' +
        'a.properties:2:15: error cli-test-secret demo.password is written in clear text.\n' +
        'a.properties:3:11: warning cli-test-flag demo.flag is insecure.\n',
    );
    assert.equal(fs.readFileSync(path.join(d, 'a.properties'), 'utf8'), text);
    assert.equal(r.code, 1);
  });

  it('marks a last line without a line terminator', async () => {
    const d = tempDir();
    writeTree(d, { 'a.properties': '# kafkalint: role=client\ndemo.flag=insecure' });
    const r = await runCli(['--fix-dry-run', ...only()], { cwd: d });
    assert.ok(
      r.stdout.includes('@@ -1,2 +1,3 @@\n # kafkalint: role=client\n-demo.flag=insecure\n\\ No newline at end of file\n+demo.flag=secure\n+demo.added=yes\n\\ No newline at end of file\n'),
      r.stdout,
    );
  });
});

describe('reading and writing encodings', () => {
  it('decodes valid UTF-8, strips and remembers a BOM, and falls back to ISO-8859-1', () => {
    assert.deepEqual(decode(Buffer.from('a=é\n', 'utf8')), { text: 'a=é\n', encoding: { charset: 'utf8', bom: false } });
    assert.deepEqual(decode(Buffer.concat([BOM, Buffer.from('a=b\n')])), { text: 'a=b\n', encoding: { charset: 'utf8', bom: true } });
    assert.deepEqual(decode(Buffer.from([0x61, 0x3d, 0xe9, 0x0a])), { text: 'a=é\n', encoding: { charset: 'latin1', bom: false } });
  });

  it('encodes back byte for byte, escaping what ISO-8859-1 cannot hold', () => {
    const latin = Buffer.from([0x61, 0x3d, 0xe9, 0x0d, 0x0a]);
    const { text, encoding } = decode(latin);
    assert.deepEqual(encode(text, encoding), latin);
    assert.deepEqual(encode('a=☕\n', { charset: 'latin1', bom: false }), Buffer.from('a=\\u2615\n', 'latin1'));
    const withBom = Buffer.concat([BOM, Buffer.from('a=☕\r\n', 'utf8')]);
    const back = decode(withBom);
    assert.deepEqual(encode(back.text, back.encoding), withBom);
  });
});
