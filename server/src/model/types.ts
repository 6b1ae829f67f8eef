import type { Span } from '../parse/text';

/** What a configuration document configures (RULES.md §A.0). */
export type Role =
  | 'broker'
  | 'controller'
  | 'combined'
  | 'client'
  | 'connect'
  | 'streams'
  | 'mirrormaker'
  | 'librdkafka'
  | 'zookeeper'
  | 'log4j'
  | 'unknown';

/** Metadata mode of a broker-like document. */
export type Mode = 'kraft' | 'zk' | 'migration' | 'unknown';

/**
 * How a value is known: written literally, taken from Kafka's default (absent),
 * referenced through a config provider or secret store, or not knowable from the file.
 */
export type ValueState = 'literal' | 'default' | 'externalized' | 'unresolvable';

/** The input formats of RULES.md (format tags), used for rule applicability and docs. */
export type FormatTag =
  | 'properties' // broker/controller server.properties
  | 'client-properties' // Java clients, Connect, Streams, MirrorMaker
  | 'librdkafka'
  | 'zookeeper' // zoo.cfg / zookeeper.properties
  | 'log4j'
  | 'compose'
  | 'helm-bitnami'
  | 'helm-confluent'
  | 'strimzi'
  | 'spring';

export interface KafkaVersion {
  major: number;
  minor: number;
  patch?: number;
  /** Where it was told from: an explicit flag, an image tag, a marker key… */
  source: string;
}

/** One canonical Kafka setting, as the broker or client would read it, with where it is written. */
export interface Setting {
  /** The key Kafka reads, e.g. `listener.name.internal.ssl.client.auth`. */
  key: string;
  /** The value after unescaping/decoding. */
  value: string;
  state: ValueState;
  /** Where the name is written (properties key, env var name, YAML key). */
  keySpan: Span;
  /** Where the value is written; may be empty. */
  valueSpan: Span;
  /** The whole entry: key, separator and value. */
  entrySpan: Span;
  /** The setting as written: `KAFKA_CFG_LISTENERS`, `listeners.client.protocol`, or the key itself. */
  origin: string;
  /** Earlier definitions of the same key that this one overrides (last wins). */
  shadowed: Setting[];
  /** Holds a secret (RULES.md §E): never shown in any output. */
  secret: boolean;
  /**
   * For a value an adapter assembled from several places (a Strimzi listener list, a Helm protocol
   * map): where each piece `value.slice(from, to)` is written.
   */
  parts?: ReadonlyArray<{ from: number; to: number; span: Span }>;
}

/** A canonical edit request that the document's writer turns into text edits in the file's own syntax. */
export type Change =
  /** Set a key: replaces the value of the existing setting, or inserts a new entry (after `after` when present). */
  | { op: 'set'; key: string; value: string; after?: string }
  /** Remove every definition of a key. */
  | { op: 'remove'; key: string }
  /** Replace part of an existing value, given as offsets into the setting's unescaped value. */
  | { op: 'replace-in-value'; key: string; from: number; to: number; text: string };

/** A plain text edit on the file's text. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Turns canonical changes into text edits in one document's syntax; null when the syntax cannot express one. */
export interface DocumentWriter {
  edits(changes: readonly Change[]): TextEdit[] | null;
}

/** A Kafka configuration as a rule sees it: canonical settings plus what can be told about the deployment. */
export interface KafkaDocument {
  /** Path or URI of the file, as given by the caller. */
  path: string;
  /** The whole file text (decoded). */
  text: string;
  format: FormatTag;
  role: Role;
  mode: Mode;
  version?: KafkaVersion;
  /** Last-wins canonical settings. */
  settings: ReadonlyMap<string, Setting>;
  /** Where findings caused by absent keys are placed. */
  anchor: Span;
  /** The extent of this document in the file (a compose service, a YAML document, the whole file). */
  span: Span;
  writer: DocumentWriter;
  /** Extra facts an adapter knows (image family, chart major, published ports…), keyed by name. */
  facts: ReadonlyMap<string, unknown>;
}

/** A problem with the file itself (cannot be read, parsed or understood), not a rule finding. */
export interface FileProblem {
  span: Span;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /**
   * What kind of problem, shown where a rule id would be: `syntax-error`, `file-error`,
   * `cannot-evaluate`, `invalid-suppression`, `not-understood` (the default).
   */
  code?: FileProblemCode;
}

export type FileProblemCode = 'syntax-error' | 'file-error' | 'cannot-evaluate' | 'invalid-suppression' | 'not-understood';
