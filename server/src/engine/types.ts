import type { ChartHint } from '../model/charts';
import type { Change, FileProblem, FormatTag, KafkaDocument, TextEdit } from '../model/types';
import type { Range, Span } from '../parse/text';

export type Severity = 'error' | 'warning' | 'info';

/** Sections of the security checklist (design/CHECKLIST.md). */
export type ChecklistTag = 'FS' | 'TR' | 'ACL' | 'ROT' | 'CRT' | 'RA' | 'ZK' | 'AUD' | 'PLAY';

export const CHECKLIST_SECTIONS: Record<ChecklistTag, string> = {
  FS: 'Encrypt the filesystem',
  TR: 'Secure data in transit',
  ACL: 'Administer ACLs and accounts',
  ROT: 'Rotate your keys',
  CRT: 'Update certificates dynamically',
  RA: 'Enable reauthentication',
  ZK: 'Protect ZooKeeper',
  AUD: 'Audit logs',
  PLAY: 'Play, tinker, break things',
};

export type FixSafety = 'safe' | 'suggestion';

export interface RuleMeta {
  /** Kebab-case id from RULES.md §A; public API. */
  id: string;
  checklist: ChecklistTag;
  /** Default severity; a finding may raise or lower it as the rule's spec says. */
  severity: Severity;
  /** One line: what the rule finds. */
  title: string;
  /** Formats the rule reads. */
  formats: FormatTag[];
  /** The kind of fix the rule offers, if any. */
  fix?: FixSafety;
}

/** A fix as a rule states it: canonical changes the document writer encodes in the file's syntax. */
export interface FixIntent {
  title: string;
  safety: FixSafety;
  changes: Change[];
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Report {
  span: Span;
  /** Plain words; never a secret value. */
  message: string;
  severity?: Severity;
  fix?: FixIntent;
  suggestions?: FixIntent[];
  related?: RelatedInfo[];
}

export interface RuleContext {
  report(report: Report): void;
  readonly options: ResolvedLintOptions;
}

export interface Rule {
  meta: RuleMeta;
  check(doc: KafkaDocument, ctx: RuleContext): void;
}

/** A fix ready to apply: text edits on the file. */
export interface ResolvedFix {
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  checklist: ChecklistTag;
  path: string;
  span: Span;
  /** 0-based line, UTF-16 column (LSP convention); add 1 for human output. */
  range: Range;
  fix?: ResolvedFix;
  suggestions: ResolvedFix[];
  related: RelatedInfo[];
}

export interface LintOptions {
  /** Kafka version to assume when a file does not tell, e.g. "3.9". */
  kafkaVersion?: string;
  /** Per-rule severity overrides; 'off' disables a rule. */
  rules?: Record<string, Severity | 'off'>;
  /** Honour kafkalint-disable comments (default true). */
  allowSuppressions?: boolean;
  /** Force a format instead of detecting it. */
  format?: FormatTag;
  /** Values for compose `${VAR}` references: the text of the `.env` file beside the file. */
  dotEnv?: string;
  /** The text of the `Chart.yaml` / `Chart.lock` beside a Helm values file: they tell the chart version. */
  chartYaml?: string;
  chartLock?: string;
}

export interface ResolvedLintOptions {
  kafkaVersion?: { major: number; minor: number; patch?: number };
  rules: Record<string, Severity | 'off'>;
  allowSuppressions: boolean;
  format?: FormatTag;
  variables?: ReadonlyMap<string, string>;
  helmChart?: ChartHint;
}

export interface LintResult {
  path: string;
  /** Sorted by position, then rule id. */
  findings: Finding[];
  /** Problems with the file itself (unreadable, unparsable, malformed escapes, bad directives). */
  problems: Array<FileProblem & { code: NonNullable<FileProblem['code']>; range: Range }>;
  documents: KafkaDocument[];
  /** Secret values found in the file; output layers mask them. Never print these. */
  secrets: string[];
  /** Where secret values are written; code frames mask these ranges. */
  secretSpans: Span[];
  /** Why the file was not linted, when it was not (e.g. not a Kafka configuration). */
  skipped?: string;
}
