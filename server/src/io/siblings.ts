import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LintOptions } from '../engine/types';

/**
 * Files beside a YAML file that change how it is read, for the CLI and the language server:
 * docker-compose takes `${VAR}` values from `.env`; a Helm values file's chart version is in
 * `Chart.yaml` / `Chart.lock`. Returns `base` itself when there is nothing to add.
 */
export function withSiblingFiles(file: string, base: LintOptions): LintOptions {
  if (!/\.ya?ml$/i.test(file)) return base;
  const sibling = (name: string): string | undefined => {
    const p = join(dirname(file), name);
    try {
      return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const dotEnv = sibling('.env');
  const chartYaml = sibling('Chart.yaml');
  const chartLock = sibling('Chart.lock');
  if (dotEnv === undefined && chartYaml === undefined && chartLock === undefined) return base;
  const options: LintOptions = { ...base };
  if (dotEnv !== undefined) options.dotEnv = dotEnv;
  if (chartYaml !== undefined) options.chartYaml = chartYaml;
  if (chartLock !== undefined) options.chartLock = chartLock;
  return options;
}
