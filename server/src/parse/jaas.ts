import type { Span } from './text';

/** One `name=value` option of a JAAS login module entry; spans are offsets into the JAAS string. */
export interface JaasOption {
  name: string;
  value: string;
  nameSpan: Span;
  /** The value without its quotes. */
  valueSpan: Span;
}

export interface JaasModule {
  loginModule: string;
  flag: string;
  moduleSpan: Span;
  options: JaasOption[];
}

/**
 * Parse a `sasl.jaas.config` value: `LoginModuleClass flag (option=value)* ;` repeated
 * (Kafka's JaasConfig grammar: double-quoted or bare values). Lenient: stops at what it cannot read.
 */
export function parseJaasConfig(text: string): JaasModule[] {
  const modules: JaasModule[] = [];
  let i = 0;
  const n = text.length;
  const skipWs = () => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  const word = (): Span | null => {
    skipWs();
    const start = i;
    while (i < n && !/[\s=;"]/.test(text[i]!)) i++;
    return i > start ? { start, end: i } : null;
  };
  while (i < n) {
    skipWs();
    if (i >= n) break;
    const mod = word();
    if (!mod) {
      i++;
      continue;
    }
    const flag = word();
    const entry: JaasModule = {
      loginModule: text.slice(mod.start, mod.end),
      flag: flag ? text.slice(flag.start, flag.end) : '',
      moduleSpan: { start: mod.start, end: mod.end },
      options: [],
    };
    modules.push(entry);
    for (;;) {
      skipWs();
      if (i >= n) break;
      if (text[i] === ';') {
        i++;
        break;
      }
      const name = word();
      if (!name) {
        i++;
        continue;
      }
      skipWs();
      if (text[i] !== '=') continue;
      i++;
      skipWs();
      let valueSpan: Span;
      let value: string;
      if (text[i] === '"') {
        const start = i + 1;
        let j = start;
        let out = '';
        while (j < n && text[j] !== '"') {
          if (text[j] === '\\' && j + 1 < n) {
            out += text[j + 1];
            j += 2;
            continue;
          }
          out += text[j];
          j++;
        }
        valueSpan = { start, end: j };
        value = out;
        i = Math.min(n, j + 1);
      } else {
        const start = i;
        while (i < n && !/[\s;]/.test(text[i]!)) i++;
        valueSpan = { start, end: i };
        value = text.slice(start, i);
      }
      entry.options.push({ name: text.slice(name.start, name.end), value, nameSpan: name, valueSpan });
    }
  }
  return modules;
}
