import type { ResolvedLintOptions } from '../../engine/types';
import type { FileProblem, KafkaDocument, KafkaVersion } from '../types';
import { AliasLimitError, parseYaml, YamlWalker } from '../../parse/yaml';
import { isComposeDocument, readCompose } from './compose';
import { readProperties } from './properties';
import { isStrimziDocument, readStrimzi } from './strimzi';
import { isSpringDocument, isSpringPropertiesFile, readSpring, readSpringProperties } from './spring';
import { isHelmValuesDocument, readHelmValues } from './helm';

export interface ReadResult {
  documents: KafkaDocument[];
  problems: FileProblem[];
  /** Set when the file is not linted, with the reason. */
  skipped?: string;
}

export type Syntax = 'properties' | 'yaml';

const PROPERTIES_NAME = /\.(properties|cfg|conf|config|props|template)$/i;
const YAML_NAME = /\.ya?ml$/i;

/** The syntax of a file, from its name, else from its content. */
export function detectSyntax(path: string, text: string): Syntax | undefined {
  if (PROPERTIES_NAME.test(path)) return 'properties';
  if (YAML_NAME.test(path)) return 'yaml';
  // No telling extension: key=value lines make it a properties file.
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() && !/^\s*[#!]/.test(l));
  if (lines.length === 0) return undefined;
  const kv = lines.filter((l) => /^\s*[A-Za-z0-9_.\-]+\s*[=:]/.test(l)).length;
  return kv / lines.length >= 0.8 ? 'properties' : undefined;
}

function versionFrom(options: ResolvedLintOptions): KafkaVersion | undefined {
  return options.kafkaVersion ? { ...options.kafkaVersion, source: 'option' } : undefined;
}

/** Turn a file into the Kafka documents it holds. */
export function readDocuments(path: string, text: string, options: ResolvedLintOptions): ReadResult {
  const syntax = detectSyntax(path, text);
  const version = versionFrom(options);
  if (syntax === 'properties') {
    if (isSpringPropertiesFile(path, text)) return readSpringProperties(path, text, version);
    const read = readProperties(path, text, version);
    return read;
  }
  if (syntax === 'yaml') return readYaml(path, text, version, options);
  return { documents: [], problems: [], skipped: 'not a Kafka configuration format kafkalint knows' };
}

/** Whether a file found while walking a directory is a Kafka configuration worth linting. */
export function isKafkaConfig(path: string, text: string, options: ResolvedLintOptions): boolean {
  const read = readDocuments(path, text, options);
  // A compose service with Kafka variables but an image kafkalint cannot read still deserves its note.
  return !read.skipped && (read.documents.some((d) => d.role !== 'unknown') || read.problems.some((p) => p.severity !== 'info' || /KAFKA_/.test(p.message)));
}

/** YAML files: compose files for now, one document per Kafka or ZooKeeper service. */
function readYaml(path: string, text: string, version: KafkaVersion | undefined, options: ResolvedLintOptions): ReadResult {
  const yaml = parseYaml(text);
  if (yaml.errors.length) {
    if (/\{\{-?\s*[\w.$]/.test(text)) {
      return { documents: [], problems: [], skipped: 'a Helm template (Go template syntax), not YAML; lint its values file instead' };
    }
    const first = yaml.errors[0]!;
    return { documents: [], problems: [{ span: first.span, severity: 'error', code: 'syntax-error', message: `YAML syntax error: ${first.message}` }], skipped: 'YAML syntax error' };
  }
  const documents: KafkaDocument[] = [];
  const problems: FileProblem[] = [];
  try {
    for (const doc of yaml.documents) {
      const walker = new YamlWalker(doc);
      // One reader per YAML format; the first that recognises the document reads it.
      const read = isComposeDocument(walker, doc.contents)
        ? readCompose(path, text, doc, walker, version, options.variables)
        : isStrimziDocument(walker, doc.contents) ? readStrimzi(path, text, doc, walker, version, yaml.documents)
        : isSpringDocument(walker, doc.contents) ? readSpring(path, text, doc, walker, version, yaml.documents)
        : isHelmValuesDocument(path, walker, doc.contents) ? readHelmValues(path, text, doc, walker, version, options.helmChart ? { chart: options.helmChart } : undefined)
        : // yaml-format-dispatch (Strimzi, Helm values, Spring: add a `isX(...) ? readX(...) :` line above this one)
          undefined;
      if (read) {
        documents.push(...read.documents);
        problems.push(...read.problems);
      }
    }
  } catch (e) {
    if (e instanceof AliasLimitError) return { documents: [], problems: [{ span: { start: 0, end: 0 }, severity: 'error', code: 'file-error', message: e.message }], skipped: 'alias bomb' };
    throw e;
  }
  if (documents.length === 0 && problems.length === 0) return { documents, problems, skipped: 'no Kafka configuration kafkalint reads in this YAML file' };
  return { documents, problems };
}
