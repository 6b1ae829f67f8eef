import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/types';
import { CHECKLIST_SECTIONS } from '../../engine/types';
import { helpUri, INFORMATION_URI, pageSection, rulePage, sortedRules, TOOL_NAME, TOOL_VERSION } from '../explain';
import { overlapsAny, safe } from '../mask';
import { orderedEntries, type FileReport, type Place } from '../report';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const BASE_ID = '%SRCROOT%';

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

/** A relative POSIX path as a URI reference: each segment percent-encoded. */
export function relativeUri(path: string): string {
  return path
    .split('/')
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}

function pascalName(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Markdown without its heading markers, for plain-text fields. */
function plain(markdown: string): string {
  return markdown
    .replace(/^#+\s*/gm, '')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
}

function region(place: Place): Record<string, number> {
  return { startLine: place.line, startColumn: place.column, endLine: place.endLine, endColumn: place.endColumn };
}

/** SARIF 2.1.0: one run, every rule's metadata, results with 1-based regions, file problems as notifications. */
export function formatSarif(reports: readonly FileReport[], cwd: string): string {
  const rules = sortedRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const driverRules = rules.map((r) => {
    const page = rulePage(r.meta.id);
    const what = page ? pageSection(page, 'What it checks') : undefined;
    return {
      id: r.meta.id,
      name: pascalName(r.meta.id),
      shortDescription: { text: r.meta.title },
      fullDescription: { text: what ? plain(what) : r.meta.title },
      help: page ? { text: plain(page), markdown: page } : { text: r.meta.title, markdown: r.meta.title },
      helpUri: helpUri(r.meta.id),
      defaultConfiguration: { level: sarifLevel(r.meta.severity) },
      properties: {
        tags: ['security', r.meta.checklist, CHECKLIST_SECTIONS[r.meta.checklist]],
        checklist: r.meta.checklist,
        fix: r.meta.fix ?? 'none',
      },
    };
  });

  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const r of reports) {
    const artifactLocation = { uri: relativeUri(r.path), uriBaseId: BASE_ID };
    for (const entry of orderedEntries(r)) {
      if (entry.kind === 'problem') {
        const p = entry.item;
        const physicalLocation: Record<string, unknown> = { artifactLocation };
        if (p.place) physicalLocation.region = region(p.place);
        notifications.push({ level: sarifLevel(p.severity), message: { text: p.message }, locations: [{ physicalLocation }] });
        continue;
      }
      const f = entry.item;
      const reg: Record<string, unknown> = region(f);
      // RULES.md §E.2: no snippet for a range that touches a secret.
      if (r.lines && !overlapsAny(f.span, r.secretSpans) && f.span.end > f.span.start) {
        reg.snippet = { text: safe(r.lines.text.slice(f.span.start, f.span.end), r.secrets) };
      }
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: reg } }],
        properties: { checklist: f.checklist, fix: f.fix ? f.fix.safety : 'none' },
      };
      const index = ruleIndex.get(f.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      results.push(orderResult(result));
    }
  }

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: INFORMATION_URI,
            rules: driverRules,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [BASE_ID]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Keep the usual key order (ruleId, ruleIndex, level, …) for readable, stable output. */
function orderResult(result: Record<string, unknown>): Record<string, unknown> {
  const order = ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'properties'];
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in result) out[k] = result[k];
  return out;
}
