import type { Severity } from '../engine/types';

/**
 * What the server reads from the client. VS Code section `kafkalint`:
 * `kafkalint.enable`, `kafkalint.rules`, `kafkalint.kafkaVersion`, `kafkalint.debounceMs`
 * (`kafkalint.trace.server` is read by the client library, not here).
 */
export interface ServerSettings {
  enable: boolean;
  /** Per-rule severity overrides; 'off' disables the rule. */
  rules: Record<string, Severity | 'off'>;
  /** Kafka version to assume when a file does not tell, e.g. "3.9"; undefined = detect. */
  kafkaVersion?: string;
  /** Delay between the last edit and linting, in milliseconds. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze({ enable: true, rules: {}, debounceMs: 150 });

const MAX_DEBOUNCE_MS = 10_000;
const SEVERITY_ALIASES: Record<string, Severity | 'off'> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  information: 'info',
  off: 'off',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The settings object inside what a client sends: `{kafkalint: {...}}`, `{settings: {kafkalint: {...}}}`
 * or the flat object itself (Neovim and Emacs users usually write `init_options = {kafkaVersion = '3.9'}`).
 */
export function settingsSection(raw: unknown): Record<string, unknown> | undefined {
  if (!isRecord(raw)) return undefined;
  if (isRecord(raw.settings) && isRecord(raw.settings.kafkalint)) return raw.settings.kafkalint;
  if (isRecord(raw.kafkalint)) return raw.kafkalint;
  return raw;
}

/**
 * Keep the valid fields of a settings object; report the invalid ones by name (values are settings,
 * never file content, so naming them is safe).
 */
export function parseSettings(section: Record<string, unknown> | undefined): { settings: Partial<ServerSettings>; problems: string[] } {
  const settings: Partial<ServerSettings> = {};
  const problems: string[] = [];
  if (!section) return { settings, problems };
  if ('enable' in section && section.enable !== null && section.enable !== undefined) {
    if (typeof section.enable === 'boolean') settings.enable = section.enable;
    else problems.push('kafkalint.enable must be true or false');
  }
  if (isRecord(section.rules)) {
    const rules: Record<string, Severity | 'off'> = {};
    for (const [id, value] of Object.entries(section.rules)) {
      const severity = typeof value === 'string' ? SEVERITY_ALIASES[value.trim().toLowerCase()] : undefined;
      if (severity) rules[id] = severity;
      else problems.push(`kafkalint.rules.${id} must be one of error, warning, info, off`);
    }
    settings.rules = rules;
  } else if (section.rules !== undefined && section.rules !== null) {
    problems.push('kafkalint.rules must be an object of rule id to severity');
  }
  if (typeof section.kafkaVersion === 'string') {
    const v = section.kafkaVersion.trim();
    if (v === '' || v.toLowerCase() === 'auto') settings.kafkaVersion = undefined;
    else if (/^\d+(\.\d+){0,2}$/.test(v)) settings.kafkaVersion = v;
    else problems.push('kafkalint.kafkaVersion must look like 3.9 or 4.1 (or be empty to detect)');
  } else if (section.kafkaVersion !== undefined && section.kafkaVersion !== null) {
    problems.push('kafkalint.kafkaVersion must be a string such as "3.9"');
  }
  if (section.debounceMs !== undefined && section.debounceMs !== null) {
    const d = section.debounceMs;
    if (typeof d === 'number' && Number.isFinite(d) && d >= 0) settings.debounceMs = Math.min(Math.round(d), MAX_DEBOUNCE_MS);
    else problems.push('kafkalint.debounceMs must be a number of milliseconds (0 or more)');
  }
  return { settings, problems };
}

/** Later layers win field by field; `rules` merge per rule id. */
export function mergeSettings(...layers: Array<Partial<ServerSettings> | undefined>): ServerSettings {
  const out: ServerSettings = { ...DEFAULT_SETTINGS, rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.enable !== undefined) out.enable = layer.enable;
    if (layer.rules) out.rules = { ...out.rules, ...layer.rules };
    if ('kafkaVersion' in layer) {
      if (layer.kafkaVersion === undefined) delete out.kafkaVersion;
      else out.kafkaVersion = layer.kafkaVersion;
    }
    if (layer.debounceMs !== undefined) out.debounceMs = layer.debounceMs;
  }
  return out;
}

/** A stable key for caching lint results under given settings. */
export function settingsKey(s: ServerSettings): string {
  const rules = Object.keys(s.rules)
    .sort()
    .map((id) => `${id}=${s.rules[id]}`)
    .join(',');
  return `${s.enable ? 1 : 0}|${s.kafkaVersion ?? ''}|${rules}`;
}
