import type { ChecklistTag } from '../engine/types';
import {
  catalogVersionFor,
  lookupLibrdkafkaKey,
  resolveKafkaKey,
  type CatalogEntry,
  type CatalogVersion,
  type KafkaLookupGroup,
  type LibrdkafkaEntry,
} from '../model/catalog/index';
import { knownSecretBase } from '../model/secrets';
import type { KafkaDocument, Role } from '../model/types';

/** Where the catalog keeps the keys of a document's role. */
export type KeyFamily = { kind: 'kafka'; groups: KafkaLookupGroup[] } | { kind: 'librdkafka' };

export function keyFamilyOf(role: Role): KeyFamily | undefined {
  switch (role) {
    case 'broker':
    case 'controller':
    case 'combined':
      return { kind: 'kafka', groups: ['broker'] };
    case 'client':
      return { kind: 'kafka', groups: ['client'] };
    case 'connect':
    case 'streams':
    case 'mirrormaker':
      return { kind: 'kafka', groups: [role] };
    case 'librdkafka':
      return { kind: 'librdkafka' };
    case 'unknown':
      return { kind: 'kafka', groups: ['broker', 'client'] };
    default:
      // ZooKeeper and log4j keys are not in the catalog.
      return undefined;
  }
}

export function catalogVersionOf(doc: KafkaDocument): CatalogVersion {
  return catalogVersionFor(doc.version);
}

export type KeyFacts =
  | { kind: 'kafka'; entry: CatalogEntry; prefix: string; base: string; other?: CatalogEntry }
  | { kind: 'librdkafka'; entry: LibrdkafkaEntry; base: string };

/**
 * What the catalog knows of a key as written in a document (prefix stripped). `other` is the
 * entry of the other catalog version when the document's version is unknown.
 */
export function keyFacts(key: string, doc: KafkaDocument): KeyFacts | undefined {
  const family = keyFamilyOf(doc.role);
  if (!family) return undefined;
  if (family.kind === 'librdkafka') {
    const entry = lookupLibrdkafkaKey(key);
    return entry ? { kind: 'librdkafka', entry, base: key } : undefined;
  }
  const version = catalogVersionOf(doc);
  for (const group of family.groups) {
    const found = resolveKafkaKey(key, group, version);
    if (!found) continue;
    const facts: KeyFacts = { kind: 'kafka', entry: found.entry, prefix: found.prefix, base: found.base };
    if (!doc.version) {
      const other = resolveKafkaKey(key, group, version === '4.1' ? '3.9' : '4.1');
      if (other && other.entry.version !== found.entry.version) facts.other = other.entry;
    }
    return facts;
  }
  return undefined;
}

// Checklist sections of security-relevant keys (CHECKLIST.md, "What a config file can show").
const SECTIONS_BY_KEY: Record<string, ChecklistTag[]> = {
  'listeners': ['TR'],
  'advertised.listeners': ['TR'],
  'listener.security.protocol.map': ['TR'],
  'inter.broker.listener.name': ['TR'],
  'security.inter.broker.protocol': ['TR'],
  'controller.listener.names': ['TR'],
  'control.plane.listener.name': ['TR'],
  'security.protocol': ['TR'],
  'sasl.mechanism.inter.broker.protocol': ['TR'],
  'sasl.mechanism.controller.protocol': ['TR'],
  'ssl.endpoint.identification.algorithm': ['TR'],
  'ssl.enabled.protocols': ['TR'],
  'ssl.protocol': ['TR'],
  'ssl.cipher.suites': ['TR'],
  'enable.ssl.certificate.verification': ['TR'],
  'ssl.ca.location': ['TR'],
  'sasl.oauthbearer.jwks.endpoint.url': ['TR'],
  'sasl.oauthbearer.token.endpoint.url': ['TR'],
  'ssl.client.auth': ['ACL'],
  'authorizer.class.name': ['ACL'],
  'allow.everyone.if.no.acl.found': ['ACL'],
  'super.users': ['ACL'],
  'sasl.enabled.mechanisms': ['ACL'],
  'sasl.mechanism': ['ACL'],
  'sasl.mechanisms': ['ACL'],
  'sasl.server.callback.handler.class': ['ACL'],
  'principal.builder.class': ['ACL'],
  'ssl.principal.mapping.rules': ['ACL'],
  'connector.client.config.override.policy': ['ACL'],
  'enable.sasl.oauthbearer.unsecure.jwt': ['ACL'],
  'sasl.jaas.config': ['ACL', 'ROT'],
  'config.providers': ['ROT'],
  'ssl.keystore.location': ['CRT'],
  'ssl.keystore.type': ['CRT'],
  'ssl.truststore.location': ['CRT'],
  'ssl.truststore.type': ['CRT'],
  'password.encoder.secret': ['CRT', 'ROT'],
  'connections.max.reauth.ms': ['RA'],
  'log.dirs': ['FS'],
  'log.dir': ['FS'],
  'metadata.log.dir': ['FS'],
};

/** The checklist sections a key belongs to (base key, after any prefix), in checklist order. */
export function checklistSectionsOf(base: string): ChecklistTag[] {
  const tags = new Set<ChecklistTag>(SECTIONS_BY_KEY[base] ?? []);
  if (base.startsWith('zookeeper.')) tags.add('ZK');
  if (knownSecretBase(base) || /(password|secret|passphrase)$/i.test(base)) tags.add('ROT');
  const order: ChecklistTag[] = ['FS', 'TR', 'ACL', 'ROT', 'CRT', 'RA', 'ZK', 'AUD', 'PLAY'];
  return order.filter((t) => tags.has(t));
}

/**
 * SASL mechanism names Kafka ships (GSSAPI, PLAIN, SCRAM-SHA-256/512 per KIP-84, OAUTHBEARER per
 * KIP-255): the catalog types these keys as free strings, so their values are listed here.
 */
export const SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'OAUTHBEARER', 'GSSAPI', 'PLAIN'];
const SASL_MECHANISM_KEYS = new Set(['sasl.mechanism', 'sasl.mechanisms', 'sasl.enabled.mechanisms', 'sasl.mechanism.inter.broker.protocol', 'sasl.mechanism.controller.protocol']);

/** Values to offer for a key: catalog enums, booleans, SASL mechanisms. */
export function valueCandidates(facts: KeyFacts | undefined, base: string): string[] {
  if (facts?.entry.enumValues?.length && facts.entry.type !== 'csv-flags') return [...facts.entry.enumValues];
  if (facts && facts.entry.type === 'boolean') return ['true', 'false'];
  if (SASL_MECHANISM_KEYS.has(base) || SASL_MECHANISM_KEYS.has(facts?.base ?? '')) return [...SASL_MECHANISMS];
  return [];
}

/** Keys whose value is a comma-separated list: completion works on the item under the cursor. */
export function isListValued(facts: KeyFacts | undefined, base: string): boolean {
  if (base === 'sasl.enabled.mechanisms') return true;
  if (!facts) return false;
  return facts.entry.type === 'list' || facts.entry.type === 'csv-flags';
}
