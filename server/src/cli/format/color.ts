/** ANSI styles, or identity functions when colour is off. */
export interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const style = (open: number, close: number) => (s: string) => (s ? `\u001b[${open}m${s}\u001b[${close}m` : s);

export function colors(enabled: boolean): Colors {
  if (!enabled) {
    const id = (s: string) => s;
    return { bold: id, dim: id, red: id, yellow: id, cyan: id, green: id };
  }
  return { bold: style(1, 22), dim: style(2, 22), red: style(31, 39), yellow: style(33, 39), cyan: style(36, 39), green: style(32, 39) };
}

export function severityColor(c: Colors, severity: string): (s: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.cyan;
}
