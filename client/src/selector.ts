// Which documents the language server is given. Pure data: no `vscode` import, so it can be unit-tested.

/** A document filter, structurally both a VS Code and an LSP one: at least a language or a scheme. */
export type DocFilter =
  | { language: string; scheme?: string; pattern?: string }
  | { language?: string; scheme: string; pattern?: string };

/**
 * Default `kafkalint.filePatterns`. Kept in step with the `default` of that setting in package.json
 * (a test checks it). YAML is only ever selected through specific names, never as a whole language:
 * most YAML files in a workspace have nothing to do with Kafka.
 */
export const DEFAULT_FILE_PATTERNS: readonly string[] = [
  '**/*.properties',
  '**/server.properties',
  '**/zoo.cfg',
  '**/*.cfg',
  '**/{docker-compose,compose}*.{yml,yaml}',
  '**/*{kafka,strimzi}*.{yml,yaml}',
  '**/*kafka*/**/values*.{yml,yaml}',
];

/** Languages that are Kafka configuration wherever they appear. */
export const LANGUAGES: readonly string[] = ['properties'];

/** Clean up a user's list: strings only, trimmed, no duplicates, no empty entries. */
export function normalizePatterns(value: unknown): string[] {
  if (!Array.isArray(value)) return [...DEFAULT_FILE_PATTERNS];
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') continue;
    const p = item.trim();
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * The document selector: every document of a Kafka language (saved or not), and every file on disk
 * whose path matches one of the patterns, whatever language VS Code gave it.
 * Only `file` and `untitled`: the extension declares no virtual-workspace support.
 */
export function documentSelector(patterns: readonly string[]): DocFilter[] {
  const selector: DocFilter[] = [];
  for (const language of LANGUAGES) {
    selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  for (const pattern of patterns) selector.push({ scheme: 'file', pattern });
  return selector;
}

/** Rule ids are kebab-case words; anything else is never turned into a file name. */
export function isRuleId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

/**
 * The rule id a "show documentation" call was given. Callers pass it as a plain string (code actions,
 * hovers' command links), but also as `{ ruleId }`, `{ code }` or a diagnostic-like object.
 */
export function ruleIdFromArgument(arg: unknown): string | undefined {
  if (Array.isArray(arg)) return ruleIdFromArgument(arg[0]);
  if (isRuleId(arg)) return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    for (const key of ['ruleId', 'rule', 'id', 'code']) {
      const v = o[key];
      if (isRuleId(v)) return v;
      if (v && typeof v === 'object' && isRuleId((v as Record<string, unknown>).value)) {
        return (v as Record<string, unknown>).value as string;
      }
    }
  }
  return undefined;
}
