/**
 * Logger levels in log4j 1 and log4j2 `.properties` configurations (RULES.md §B.7): which level a
 * logger is given, where that is written, and the effective level through the logger hierarchy.
 *
 * log4j 1 (PropertyConfigurator): `log4j.logger.<name>=LEVEL[, appender…]` (or the older
 * `log4j.category.<name>`), root `log4j.rootLogger` › `log4j.rootCategory`; an empty level, `INHERITED`
 * or `NULL` inherits; an unknown level name becomes DEBUG; the root defaults to DEBUG;
 * `log4j.threshold` drops every event below it, whatever the loggers say.
 * log4j2 (PropertiesConfigurationBuilder): `logger.<id>.name` + `logger.<id>.level`, or the 2.17.2+
 * shorthand `logger.<id>=LEVEL[, ref…]`, which wins over `.level`; when `loggers=<id>,…` is present only
 * the listed ids exist; the root is `rootLogger.level` or the shorthand `rootLogger=LEVEL[, ref…]`, and
 * defaults to ERROR; a logger without a level inherits from its parent.
 */
import { listItems } from './listeners';
import type { KafkaDocument, Setting } from './types';

export type Log4jDialect = 'log4j1' | 'log4j2';

export const LEVELS = ['ALL', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF'] as const;
export type Log4jLevel = (typeof LEVELS)[number];

/** Levels ordered from most to least verbose. */
export function levelRank(level: Log4jLevel): number {
  return LEVELS.indexOf(level);
}

/** Whether a logger at `level` drops events logged at `event`. */
export function dropsEventsAt(level: Log4jLevel, event: Log4jLevel): boolean {
  return levelRank(level) > levelRank(event);
}

/** The dialect of a logging `.properties` document: any `log4j.` key makes it log4j 1. */
export function log4jDialect(doc: KafkaDocument): Log4jDialect {
  for (const k of doc.settings.keys()) if (k.startsWith('log4j.')) return 'log4j1';
  return 'log4j2';
}

/** Where a logger's level is written. */
export interface LevelDeclaration {
  /** Logger name; '' for the root logger. */
  logger: string;
  /** The setting that holds the level. */
  setting: Setting;
  /** Offsets of the level text in `setting.value` (from === to when the level slot is empty). */
  from: number;
  to: number;
  /** The level it sets; undefined when it inherits. */
  level: Log4jLevel | undefined;
  /** The value cannot be evaluated (variable substitution or a template). */
  unknown: boolean;
  /** log4j2: the logger id (`logger.<id>.…`); log4j 1: undefined. */
  id?: string;
}

export interface LoggerDeclaration {
  logger: string;
  /** log4j2 id, when the dialect is log4j2. */
  id?: string;
  /** The level declaration, if the logger states a level slot at all. */
  level?: LevelDeclaration;
  /** log4j 1: the `log4j.logger.<name>` setting; log4j2: the `logger.<id>.name` setting. */
  setting: Setting;
}

function parseLevel(text: string, dialect: Log4jDialect, root: boolean): { level: Log4jLevel | undefined; unknown: boolean } {
  const t = text.trim();
  if (/\$\{|\{\{|\{%/.test(t)) return { level: undefined, unknown: true };
  const up = t.toUpperCase();
  if (t === '' || ((up === 'INHERITED' || up === 'NULL') && !root)) return { level: undefined, unknown: false };
  // log4j 1 custom levels are written LEVEL#class; the part before # names the level.
  const name = dialect === 'log4j1' ? up.split('#')[0]!.trim() : up;
  if ((LEVELS as readonly string[]).includes(name)) return { level: name as Log4jLevel, unknown: false };
  // log4j 1 turns an unknown name into DEBUG; log4j2 rejects it (the level is then not set).
  return dialect === 'log4j1' ? { level: 'DEBUG', unknown: false } : { level: undefined, unknown: true };
}

/** The level slot of a `LEVEL[, appender…]` value: the first comma-separated token. */
function levelSlot(setting: Setting, dialect: Log4jDialect, logger: string, id?: string): LevelDeclaration {
  const comma = setting.value.indexOf(',');
  const head = comma >= 0 ? setting.value.slice(0, comma) : setting.value;
  const text = head.trim();
  const from = text ? head.indexOf(text) : 0;
  const parsed = parseLevel(text, dialect, logger === '');
  const decl: LevelDeclaration = { logger, setting, from, to: from + text.length, level: parsed.level, unknown: parsed.unknown || setting.state === 'unresolvable' };
  if (id !== undefined) decl.id = id;
  return decl;
}

/** A `.level` value: the whole value is the level. */
function wholeLevel(setting: Setting, dialect: Log4jDialect, logger: string, id?: string): LevelDeclaration {
  const text = setting.value.trim();
  const from = text ? setting.value.indexOf(text) : 0;
  const parsed = parseLevel(text, dialect, logger === '');
  const decl: LevelDeclaration = { logger, setting, from, to: from + text.length, level: parsed.level, unknown: parsed.unknown || setting.state === 'unresolvable' };
  if (id !== undefined) decl.id = id;
  return decl;
}

const cache = new WeakMap<KafkaDocument, Map<string, LoggerDeclaration>>();

/** Every logger the document declares, by name ('' is the root). */
export function loggerDeclarations(doc: KafkaDocument): Map<string, LoggerDeclaration> {
  const cached = cache.get(doc);
  if (cached) return cached;
  const dialect = log4jDialect(doc);
  const out = new Map<string, LoggerDeclaration>();
  const s = doc.settings;
  if (dialect === 'log4j1') {
    // `log4j.logger.` wins over `log4j.category.` for the same name (the JDK hashtable order is arbitrary).
    for (const prefix of ['log4j.category.', 'log4j.logger.']) {
      for (const setting of s.values()) {
        if (!setting.key.startsWith(prefix) || setting.key.length === prefix.length) continue;
        const name = setting.key.slice(prefix.length);
        out.set(name, { logger: name, setting, level: levelSlot(setting, dialect, name) });
      }
    }
    const root = s.get('log4j.rootLogger') ?? s.get('log4j.rootCategory');
    if (root) out.set('', { logger: '', setting: root, level: levelSlot(root, dialect, '') });
  } else {
    const listed = s.get('loggers');
    const allowed = listed ? new Set(listItems(listed.value).map((i) => i.text)) : undefined;
    const named = [...s.values()].filter((x) => /^logger\.[^.]+\.name$/.test(x.key)).sort((a, b) => a.entrySpan.start - b.entrySpan.start);
    for (const nameSetting of named) {
      const id = nameSetting.key.slice('logger.'.length, -'.name'.length);
      if (allowed && !allowed.has(id)) continue;
      const name = nameSetting.value.trim();
      if (!name) continue;
      const shorthand = s.get(`logger.${id}`);
      const levelKey = s.get(`logger.${id}.level`);
      const decl: LoggerDeclaration = { logger: name, id, setting: nameSetting };
      if (shorthand) decl.level = levelSlot(shorthand, dialect, name, id);
      else if (levelKey) decl.level = wholeLevel(levelKey, dialect, name, id);
      out.set(name, decl);
    }
    const shorthand = s.get('rootLogger');
    const levelKey = s.get('rootLogger.level');
    const rootSetting = shorthand ?? levelKey;
    if (rootSetting) {
      const decl: LoggerDeclaration = { logger: '', setting: rootSetting };
      if (shorthand) decl.level = levelSlot(shorthand, dialect, '');
      else if (levelKey) decl.level = wholeLevel(levelKey, dialect, '');
      out.set('', decl);
    }
  }
  cache.set(doc, out);
  return out;
}

/** `a.b.c` → [`a.b.c`, `a.b`, `a`, '']: the logger and its ancestors up to the root. */
export function loggerChain(name: string): string[] {
  const parts = name.split('.');
  const chain: string[] = [];
  for (let i = parts.length; i > 0; i--) chain.push(parts.slice(0, i).join('.'));
  chain.push('');
  return chain;
}

export interface EffectiveLevel {
  level: Log4jLevel;
  /** The declaration that decided; undefined when the dialect's root default applies. */
  decidedBy?: LevelDeclaration;
}

/**
 * The effective level of a logger: its own level › the nearest ancestor's › the root's › the root
 * default (log4j 1 DEBUG, log4j2 ERROR). Undefined when a level on the way cannot be evaluated.
 */
export function effectiveLoggerLevel(doc: KafkaDocument, name: string): EffectiveLevel | undefined {
  const decls = loggerDeclarations(doc);
  for (const logger of loggerChain(name)) {
    const level = decls.get(logger)?.level;
    if (!level) continue;
    if (level.unknown) return undefined;
    if (level.level) return { level: level.level, decidedBy: level };
  }
  return { level: log4jDialect(doc) === 'log4j1' ? 'DEBUG' : 'ERROR' };
}

/** log4j 1 `log4j.threshold`: the repository-wide minimum level, when written and known. */
export function log4jThreshold(doc: KafkaDocument): LevelDeclaration | undefined {
  if (log4jDialect(doc) !== 'log4j1') return undefined;
  const s = doc.settings.get('log4j.threshold');
  if (!s) return undefined;
  const decl = wholeLevel(s, 'log4j1', '');
  // OptionConverter.toLevel(threshold, ALL): an unknown name leaves every level enabled.
  if (!decl.unknown && decl.level === 'DEBUG' && !/^\s*debug\s*$/i.test(s.value)) decl.level = 'ALL';
  return decl;
}

/** log4j2: the ids the file already uses under `logger.`. */
export function log4j2LoggerIds(doc: KafkaDocument): Set<string> {
  const ids = new Set<string>();
  for (const k of doc.settings.keys()) {
    const m = /^logger\.([^.]+)/.exec(k);
    if (m) ids.add(m[1]!);
  }
  return ids;
}

/** Whether an appender with this name is defined (log4j 1 `log4j.appender.<name>`, log4j2 `appender.<id>.name=<name>`). */
export function hasAppender(doc: KafkaDocument, name: string): boolean {
  if (log4jDialect(doc) === 'log4j1') return doc.settings.has(`log4j.appender.${name}`);
  for (const s of doc.settings.values()) if (/^appender\.[^.]+\.name$/.test(s.key) && s.value.trim() === name) return true;
  return false;
}
