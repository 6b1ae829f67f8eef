// Entry point VS Code calls inside the extension host (--extensionTestsPath): runs the mocha suite.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.spec.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolvePromise, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolvePromise()));
  });
}
