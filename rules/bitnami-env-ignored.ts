import { COMPOSE_FACTS, type EnvEntry, type Mount } from '../server/src/model/adapters/compose';
import { decodeBitnami, isBitnamiLegacyAlias, type ImageInfo } from '../server/src/model/images';
import { parseListenerList, parseProtocolMap } from '../server/src/model/listeners';
import type { KafkaDocument } from '../server/src/model/types';
import { splitList } from '../server/src/model/values';
import type { Rule, RuleContext } from '../server/src/engine/types';

/**
 * bitnami/kafka paths (kafka-env.sh, libkafka.sh, 3.x–4.0) [S33]: a server.properties in
 * KAFKA_MOUNTED_CONF_DIR (default /bitnami/kafka/config) makes the image skip its environment
 * configuration; one at KAFKA_CONF_FILE (/opt/bitnami/kafka/config/server.properties) skips the whole
 * initialisation.
 */
const DEFAULT_MOUNTED_CONF_DIR = '/bitnami/kafka/config';
const CONF_DIR = '/opt/bitnami/kafka/config';

/** Helper variables the image only reads while it writes server.properties itself [S33 kafka-env.sh]. */
const HELPERS = /^KAFKA_(TLS_[A-Z0-9_]+|CLIENT_USERS|CLIENT_PASSWORDS|CLIENT_LISTENER_NAME|CLIENT_LISTENER|INTER_BROKER_USER|INTER_BROKER_PASSWORD|CONTROLLER_USER|CONTROLLER_PASSWORD|CERTIFICATE_PASSWORD|BROKER_USER|BROKER_PASSWORD|ZOOKEEPER_PROTOCOL|ZOOKEEPER_USER|ZOOKEEPER_PASSWORD|ZOOKEEPER_TLS_[A-Z0-9_]+)(_FILE)?$/;

function norm(path: string): string {
  const out: string[] = [];
  for (const seg of path.trim().split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

function environment(doc: KafkaDocument): readonly EnvEntry[] {
  const env = doc.facts.get(COMPOSE_FACTS.environment);
  return Array.isArray(env) ? (env as EnvEntry[]) : [];
}

/** (a) A mounted server.properties: which mount, and whether it is certainly the file (not just its directory). */
function mountedServerProperties(doc: KafkaDocument): { mount: Mount; file: boolean } | undefined {
  const mounts = (doc.facts.get(COMPOSE_FACTS.mounts) as Mount[] | undefined) ?? [];
  const dirEnv = environment(doc).find((e) => e.name === 'KAFKA_MOUNTED_CONF_DIR');
  const dirs = [norm(dirEnv && dirEnv.state === 'literal' && dirEnv.value.trim() ? dirEnv.value : DEFAULT_MOUNTED_CONF_DIR), CONF_DIR];
  for (const m of mounts) {
    if (m.type === 'tmpfs' || !m.target.startsWith('/')) continue;
    const target = norm(m.target);
    if (dirs.some((d) => target === `${d}/server.properties`)) return { mount: m, file: true };
  }
  for (const m of mounts) {
    // A host directory mounted as the configuration directory normally carries server.properties.
    if (m.type !== 'bind' || !m.target.startsWith('/')) continue;
    const target = norm(m.target);
    if (dirs.includes(target) && !/\.[A-Za-z0-9]+$/.test(m.source)) return { mount: m, file: false };
  }
  return undefined;
}

function listenerNames(doc: KafkaDocument): string[] {
  const names = new Set<string>();
  for (const key of ['listeners', 'advertised.listeners']) for (const l of parseListenerList(doc.settings.get(key)?.value ?? '')) names.add(l.name);
  for (const e of parseProtocolMap(doc.settings.get('listener.security.protocol.map')?.value ?? '')) names.add(e.name);
  for (const n of splitList(doc.settings.get('controller.listener.names')?.value)) names.add(n.toUpperCase());
  const ibl = doc.settings.get('inter.broker.listener.name')?.value.trim();
  if (ibl) names.add(ibl.toUpperCase());
  return [...names];
}

/**
 * (b) The key a `KAFKA_CFG_*` name was meant to write, when it needs a character the image cannot
 * produce: listener names with `_` or `-` (other than the special-cased SASL_SSL / SASL_PLAINTEXT) and
 * SCRAM mechanism prefixes (`scram-sha-256.`, `scram-sha-512.`).
 */
export function intendedKey(name: string, listeners: readonly string[]): string | undefined {
  if (!name.startsWith('KAFKA_CFG_LISTENER_NAME_')) return undefined;
  const suffix = name.slice('KAFKA_CFG_LISTENER_NAME_'.length);
  const candidates = listeners
    .map((l) => ({ l, u: l.toUpperCase().replace(/-/g, '_') }))
    .filter((c) => suffix.startsWith(c.u + '_'))
    .sort((a, b) => b.u.length - a.u.length);
  const hit = candidates[0];
  const listener = hit ? hit.l.toLowerCase() : suffix.split('_')[0]!.toLowerCase();
  let rest = hit ? suffix.slice(hit.u.length + 1) : suffix.slice(listener.length + 1);
  let mech = '';
  const m = /^(SCRAM_SHA_256|SCRAM_SHA_512)_/.exec(rest);
  if (m) {
    mech = m[1]!.toLowerCase().replace(/_/g, '-') + '.';
    rest = rest.slice(m[0].length);
  }
  if (!rest) return undefined;
  return `listener.name.${listener}.${mech}${rest.toLowerCase().replace(/_/g, '.')}`;
}

function report(doc: KafkaDocument, ctx: RuleContext): void {
  const env = environment(doc);
  const mounted = mountedServerProperties(doc);
  if (mounted) {
    const ignored = env.filter((e) => e.name.startsWith('KAFKA_CFG_') || isBitnamiLegacyAlias(e.name) || HELPERS.test(e.name));
    if (ignored.length > 0) {
      const names = ignored.map((e) => e.name);
      const list = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
      const where = mounted.file ? `server.properties is mounted at ${mounted.mount.target}` : `${mounted.mount.target} is mounted from ${mounted.mount.source}; if it holds a server.properties,`;
      ctx.report({
        span: mounted.mount.span,
        message: `${where} bitnami/kafka skips its environment configuration, so ${list} ${names.length === 1 ? 'has' : 'have'} no effect. Put those settings in the mounted file.`,
        related: ignored.map((e) => ({ span: e.nameSpan, message: `${e.name} is ignored while a server.properties is mounted.` })),
      });
    }
  }
  const listeners = listenerNames(doc);
  for (const e of env) {
    if (!e.name.startsWith('KAFKA_CFG_')) continue;
    const decoded = decodeBitnami(e.name);
    const intended = intendedKey(e.name, listeners);
    if (!decoded || !intended || intended === decoded) continue;
    ctx.report({
      span: e.nameSpan,
      message: `bitnami/kafka turns ${e.name} into ${decoded}, not ${intended}: the image has no way to write "_", "-" or upper-case letters in a key (only sasl_ssl, sasl_plaintext and zookeeper.clientCnxnSocket are special-cased), so the setting is lost. Put it in a mounted server.properties.`,
    });
  }
}

const rule: Rule = {
  meta: {
    id: 'bitnami-env-ignored',
    checklist: 'TR',
    severity: 'warning',
    title: 'A bitnami/kafka environment variable never reaches server.properties',
    formats: ['compose', 'helm-bitnami'],
  },
  check(doc, ctx) {
    const info = doc.facts.get(COMPOSE_FACTS.image) as ImageInfo | undefined;
    if (!info || info.family !== 'bitnami') return;
    report(doc, ctx);
  },
};

export default rule;
