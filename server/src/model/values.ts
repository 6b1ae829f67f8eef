import type { ValueState } from './types';

/** `${provider:[path:]key}` config-provider references (KIP-297), anywhere in a value. */
export const CONFIG_PROVIDER_REF = /\$\{[A-Za-z0-9_-]+:[^}]*\}/;
/** Template syntax that cannot be evaluated from the file: Helm/Go `{{ }}`, Jinja `{% %}`, envsubst `${VAR}`. */
export const TEMPLATE_SYNTAX = /\{\{.*?\}\}|\{%.*?%\}|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$\{[A-Za-z_][A-Za-z0-9_]*:[-=?+][^}]*\}/;

/** How a written value is known (RULES.md §A.0 value states). */
export function valueState(value: string): ValueState {
  if (/\{\{.*?\}\}|\{%.*?%\}/.test(value)) return 'unresolvable';
  if (/\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value)) return 'unresolvable';
  if (CONFIG_PROVIDER_REF.test(value)) return 'externalized';
  return 'literal';
}

/** Kafka's boolean parsing: trimmed, case-insensitive "true". */
export function isTrue(value: string | undefined): boolean {
  return (value ?? '').trim().toLowerCase() === 'true';
}

export function splitList(value: string | undefined, separator: RegExp | string = ','): string[] {
  return (value ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A value the linter can judge: written literally, or a default the adapter knows (RULES.md §A.0). */
export function isKnown(setting: { state: ValueState }): boolean {
  return setting.state === 'literal' || setting.state === 'default';
}
