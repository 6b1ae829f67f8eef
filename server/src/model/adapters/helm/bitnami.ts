/**
 * Bitnami `kafka` chart values (RULES.md §B.4), all three schemas: ≤23 (`auth.*`), 24–31
 * (`listeners.*`/`sasl.*`/`tls.*`) and ≥32 (Kafka 4, KRaft only, `config`/`overrideConfiguration`
 * maps). Each node group the chart deploys becomes one document whose settings are what the chart
 * renders into server.properties, with spans on the values that decide them.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { detectLineEnding, type Span } from '../../../parse/text';
import { nodeSpan, scalarText } from '../../../parse/yaml';
import {
  BITNAMI_AUTH_DEFAULTS as AUTH,
  BITNAMI_AUTH_PROTOCOL_VALUES,
  BITNAMI_AUTH_PROTOCOLS,
  BITNAMI_EXISTING_SECRETS,
  BITNAMI_LISTENER_DEFAULTS,
  BITNAMI_LISTENERS_DEFAULTS as LST,
  BITNAMI_SECRET_VALUES,
  BITNAMI_TLS_PASSWORDS,
  bitnamiSchemaForMajor,
  chartMajor,
  OAUTHBEARER_VALIDATOR,
  ZK_NETTY_CLIENT_SOCKET,
  type BitnamiSchema,
  type ChartHint,
} from '../../charts';
import { decodeBitnami, encodeEnv, imageInfo } from '../../images';
import type { FileProblem, KafkaDocument, KafkaVersion } from '../../types';
import { splitList } from '../../values';
import {
  buildDocument,
  CHART_FACT,
  envEntries,
  envItems,
  envSettings,
  mapSettings,
  propsBlock,
  PUBLISHED_PORTS_FACT,
  systemProperties,
  type HelmChartFact,
  type HelmRead,
} from './common';
import { SettingsBuilder, type Part } from './model';
import { readZookeeperSubchart } from './zookeeper';
import { BOOL, entriesOf, IDENTITY, truthy, UPPER, type Codec, type Values } from './values';
import { ChartTlsSink, EnvListSink, mapEntryRemover, MapSink, PropsSink, type Sink } from './writer';

/** Values that only the Bitnami kafka chart has, per schema (RULES.md §B.4 shape detection). */
const AUTH_SHAPE = [['auth', 'clientProtocol'], ['auth', 'interBrokerProtocol'], ['auth', 'sasl', 'jaas'], ['authorizerClassName'], ['allowEveryoneIfNoAclFound']];
const LISTENERS_SHAPE = [['listeners', 'client'], ['listeners', 'interbroker'], ['listeners', 'controller'], ['sasl', 'enabledMechanisms'], ['sasl', 'interBrokerMechanism']];
const KRAFT4_SHAPE = [['overrideConfiguration'], ['log4j2'], ['controller', 'quorumBootstrapServers']];

/** Whether a values root is the Bitnami kafka chart's (by its values, or its image). */
export function isBitnamiKafkaValues(values: Values): boolean {
  if (values.has(...AUTH_SHAPE, ...LISTENERS_SHAPE)) return true;
  // ≥32 values trimmed to the KRaft node groups and their configuration maps.
  if (values.has(...KRAFT4_SHAPE) && values.has(['controller', 'replicaCount'], ['broker', 'replicaCount'], ['controller', 'controllerOnly'])) return true;
  const repo = values.str('image', 'repository') ?? '';
  return /(^|\/)kafka$/.test(repo) && /bitnami/.test(repo) && (values.has(['zookeeper']) || values.has(['controller']) || values.has(['externalAccess']));
}

/** Chart major and value schema: Chart.lock/Chart.yaml › values shape (RULES.md §B.4). */
export function bitnamiChart(values: Values, hint?: ChartHint): { schema: BitnamiSchema; major?: number; majorFrom: string } {
  const dep = hint?.dependencies?.find((d) => d.name === 'kafka' && /bitnami/.test(d.repository ?? 'bitnami'));
  const version = dep?.version ?? (hint?.name === 'kafka' ? hint.version : undefined);
  const major = chartMajor(version);
  if (major !== undefined) return { schema: bitnamiSchemaForMajor(major), major, majorFrom: hint!.source };
  if (values.has(...KRAFT4_SHAPE)) return { schema: 'kraft4', majorFrom: 'values shape (overrideConfiguration, log4j2 or controller.quorumBootstrapServers ⇒ ≥32)' };
  const configMap = values.at('config').node;
  if (configMap && isMap(configMap)) return { schema: 'kraft4', majorFrom: 'values shape (config is a map ⇒ ≥32)' };
  if (values.has(['listeners', 'client'], ['listeners', 'interbroker'], ['listeners', 'controller'])) return { schema: 'listeners', majorFrom: 'values shape (listeners.client ⇒ ≥24)' };
  if (values.has(...AUTH_SHAPE)) return { schema: 'auth', majorFrom: 'values shape (auth.clientProtocol ⇒ ≤23)' };
  return { schema: 'listeners', majorFrom: 'values shape (no schema-specific value; 24–31 assumed)' };
}

// ---------------------------------------------------------------------------------------------
// Codecs

/** `auth.*Protocol` (≤23) → Kafka protocol (`kafka.listenerType`). */
const AUTH_PROTOCOL: Codec = {
  decode: (raw) => BITNAMI_AUTH_PROTOCOLS[raw.trim().toLowerCase()] ?? raw,
  encode: (v) => BITNAMI_AUTH_PROTOCOL_VALUES[v.trim().toUpperCase()],
};

/** `auth.sasl.mechanisms` (≤23) is upper-cased by the chart. */
const LOWER_UPPER: Codec = { decode: (v) => v.toUpperCase(), encode: (v) => v.toLowerCase() };

/** `verifyHostname` → `zookeeper.ssl.endpoint.identification.algorithm` (HTTPS or blank). */
const VERIFY_HOSTNAME: Codec = {
  decode: (v) => (/^\s*false\s*$/i.test(v) ? '' : 'HTTPS'),
  encode: (v) => (v.trim() === '' ? 'false' : /^https$/i.test(v.trim()) ? 'true' : undefined),
};

/** `auth.clientProtocol` tls/mtls (≤23) → `ssl.client.auth` (`KAFKA_TLS_CLIENT_AUTH`). */
function clientAuthCodec(raw: string): Codec {
  const tls = /^(tls|mtls)$/i.test(raw.trim());
  return {
    decode: (v) => (/^mtls$/i.test(v.trim()) ? 'required' : 'none'),
    encode: (v) => (!tls ? undefined : v.trim() === 'required' ? 'mtls' : v.trim() === 'none' ? 'tls' : undefined),
  };
}

/** Absent authorization values are reported next to the ones that are written. */
const AUTHZ_VALUES = [['authorizerClassName'], ['allowEveryoneIfNoAclFound'], ['superUsers']];

const isSasl = (p: string) => /SASL/i.test(p);
const isTls = (p: string) => p === 'SSL' || p === 'SASL_SSL';

// ---------------------------------------------------------------------------------------------

interface Context {
  path: string;
  text: string;
  eol: string;
  values: Values;
  version?: KafkaVersion;
  chart: HelmChartFact;
  problems: FileProblem[];
  facts: () => Map<string, unknown>;
}

/** Kafka version: option › image tag › chart appVersion › Kafka 4 for chart ≥32. */
function kafkaVersion(values: Values, schema: BitnamiSchema, option: KafkaVersion | undefined, hint?: ChartHint): KafkaVersion | undefined {
  if (option) return option;
  const repo = values.str('image', 'repository');
  const tag = values.str('image', 'tag');
  if (repo && tag && !/\{\{/.test(tag)) {
    const info = imageInfo(`${repo}:${tag}`);
    if (info?.version && info.family === 'bitnami') return { ...info.version, source: `image.tag ${tag}` };
  }
  const app = hint?.name === 'kafka' ? hint.appVersion : undefined;
  const m = /^v?(\d+)\.(\d+)/.exec(app ?? '');
  if (m) return { major: Number(m[1]), minor: Number(m[2]), source: `${hint!.source} appVersion ${app}` };
  if (schema === 'kraft4') return { major: 4, minor: 0, source: 'bitnami/kafka chart ≥32 ships Kafka 4' };
  return undefined;
}

/** A list value joined with commas (`listeners: [..]` on ≤23), as linked parts. */
function listParts(b: SettingsBuilder, path: readonly string[]): Part[] | undefined {
  const ref = b.values.at(...path);
  if (!ref.node) return undefined;
  if (isScalar(ref.node)) {
    const p = b.part(path, '');
    return p.text.trim() ? [p] : undefined;
  }
  if (!isSeq(ref.node)) return undefined;
  const items = b.values.walker.items(ref.node);
  if (items.length === 0) return undefined;
  const parts: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push({ text: ',' });
    if (!isScalar(item)) return;
    const sub = { path: [...path, String(i)], node: item, keyNode: null, pair: null, parent: ref.node };
    const map = b.values.map(sub)!;
    parts.push({ text: map.value, link: { ref: sub, map, codec: IDENTITY } });
  });
  return parts;
}

/** Secrets written in the values (RULES.md §E.1 HB values), and TLS store passwords. */
function secretSettings(b: SettingsBuilder, schema: BitnamiSchema): void {
  const external = BITNAMI_EXISTING_SECRETS[schema].some((p) => b.values.truthy(...p.split('.')));
  for (const p of BITNAMI_SECRET_VALUES[schema]) {
    const path = p.split('.');
    const ref = b.values.at(...path);
    if (!ref.pair || !truthy(ref.node)) continue;
    b.raw(path, true, external ? 'externalized' : undefined);
  }
  for (const [p, key] of BITNAMI_TLS_PASSWORDS[schema]) {
    const path = p.split('.');
    const s = b.values.str(...path);
    if (!s) continue;
    const setting = b.value(key, path, { secret: true });
    if (setting && external) setting.state = 'externalized';
  }
}

function zkConnect(b: SettingsBuilder, chartDefaultZk: boolean): void {
  const v = b.values;
  const servers = listParts(b, ['externalZookeeper', 'servers']);
  const enabled = v.truthy('zookeeper', 'enabled') ?? chartDefaultZk;
  const chroot = v.str('zookeeperChrootPath') ?? '';
  if (enabled) {
    const anchorRef = v.at('zookeeper', 'enabled');
    const anchor = anchorRef.node ? nodeSpan(anchorRef.node) : v.anchor(['zookeeper', 'enabled']);
    // The bundled subchart's client service: <release>-zookeeper on port 2181 [S34 _helpers.tpl].
    b.fixed('zookeeper.connect', `<release>-zookeeper:2181${chroot}`, anchor, `${b.chart}: zookeeper.enabled (bundled ZooKeeper subchart)`);
  } else if (servers) {
    const parts: Part[] = [...servers];
    if (chroot) parts.push(b.part(['zookeeperChrootPath'], ''));
    b.parts('zookeeper.connect', parts, v.anchor(['externalZookeeper', 'servers']), 'externalZookeeper.servers', servers.find((p) => p.link));
  }
}

// ---------------------------------------------------------------------------------------------
// ≤23: auth.* schema

function readAuthSchema(ctx: Context): KafkaDocument[] {
  const v = ctx.values;
  const b = new SettingsBuilder(v, 'bitnami/kafka ≤23');
  const facts = ctx.facts();
  const config = propsBlock(v, ['config']);
  const sinks: Sink[] = [];
  let anchor: Span = v.anchor(['auth', 'clientProtocol']);
  const authKey = v.at('auth');
  if (authKey.keyNode) anchor = nodeSpan(authKey.keyNode);

  if (v.truthy('existingConfigmap')) {
    ctx.problems.push({
      span: nodeSpan(v.at('existingConfigmap').keyNode),
      severity: 'info',
      message: 'existingConfigmap: the broker configuration comes from a ConfigMap that is not in this file, so the broker settings were not checked.',
    });
    return [];
  }
  const kraft = v.truthy('kraft', 'enabled') ?? false;

  if (config) {
    // A written server.properties replaces the generated one; the image then skips every KAFKA_CFG_* variable [S33].
    for (const p of config.problems) ctx.problems.push({ ...p, severity: 'error' });
    b.props(config);
    sinks.push(new PropsSink(v, ctx.eol, ['config'], config));
    // The chart mounts it where the image looks for a server.properties (bitnami-env-ignored reads this as for compose).
    facts.set('mounts', [{ source: 'config (ConfigMap <release>-kafka-configuration)', target: '/bitnami/kafka/config/server.properties', type: 'other', readOnly: true, span: nodeSpan(v.at('config').keyNode) }]);
  } else {
    const client = b.part(['auth', 'clientProtocol'], AUTH['auth.clientProtocol'], AUTH_PROTOCOL);
    const inter = b.part(['auth', 'interBrokerProtocol'], AUTH['auth.interBrokerProtocol'], AUTH_PROTOCOL);
    const externalEnabled = v.truthy('externalAccess', 'enabled') ?? false;
    const extRaw = v.str('auth', 'externalClientProtocol') ?? '';
    // Empty externalClientProtocol: the external listener uses the client protocol.
    const external = extRaw.trim() ? b.part(['auth', 'externalClientProtocol'], '', AUTH_PROTOCOL) : client;
    const controller = b.part(['auth', 'controllerProtocol'], AUTH['auth.controllerProtocol'], AUTH_PROTOCOL);

    // listener.security.protocol.map
    const mapOverride = v.str('listenerSecurityProtocolMap');
    if (mapOverride && mapOverride.trim()) b.value('listener.security.protocol.map', ['listenerSecurityProtocolMap']);
    else {
      const parts: Part[] = [{ text: 'INTERNAL:' }, inter, { text: ',CLIENT:' }, client];
      if (kraft) parts.push({ text: ',CONTROLLER:' }, controller);
      if (externalEnabled) parts.push({ text: ',EXTERNAL:' }, external);
      b.parts('listener.security.protocol.map', parts, anchor, `${b.chart}: INTERNAL/CLIENT${externalEnabled ? '/EXTERNAL' : ''} protocols from auth.*`);
    }
    // listeners
    const listenersOverride = listParts(b, ['listeners']);
    if (listenersOverride) b.parts('listeners', listenersOverride, v.anchor(['listeners', '0']), 'listeners', listenersOverride.find((p) => p.link));
    else {
      const parts: Part[] = [{ text: 'INTERNAL://:' }, b.part(['containerPorts', 'internal'], AUTH['containerPorts.internal']), { text: ',CLIENT://:' }, b.part(['containerPorts', 'client'], AUTH['containerPorts.client'])];
      if (kraft) parts.push({ text: ',CONTROLLER://:' }, b.part(['containerPorts', 'controller'], AUTH['containerPorts.controller']));
      if (externalEnabled) parts.push({ text: ',EXTERNAL://:' }, b.part(['containerPorts', 'external'], AUTH['containerPorts.external']));
      b.parts('listeners', parts, anchor, `${b.chart}: INTERNAL and CLIENT listeners on containerPorts`);
    }
    const advertisedOverride = listParts(b, ['advertisedListeners']);
    if (advertisedOverride) b.parts('advertised.listeners', advertisedOverride, v.anchor(['advertisedListeners']), 'advertisedListeners', advertisedOverride.find((p) => p.link));
    else if (!externalEnabled) {
      const domain = v.str('clusterDomain') || AUTH.clusterDomain;
      const host = `$(MY_POD_NAME).<fullname>-headless.<namespace>.svc.${domain}`;
      b.parts(
        'advertised.listeners',
        [{ text: `INTERNAL://${host}:` }, b.part(['containerPorts', 'internal'], AUTH['containerPorts.internal']), { text: `,CLIENT://${host}:` }, b.part(['containerPorts', 'client'], AUTH['containerPorts.client'])],
        anchor,
        `${b.chart}: pod addresses in the headless service`,
      );
    }
    b.value('inter.broker.listener.name', ['interBrokerListenerName'], { def: AUTH.interBrokerListenerName, near: [['auth', 'interBrokerProtocol'], ['auth']] });
    if (kraft) {
      b.value('process.roles', ['kraft', 'processRoles'], { def: AUTH['kraft.processRoles'] });
      b.value('controller.listener.names', ['kraft', 'controllerListenerNames'], { def: AUTH['kraft.controllerListenerNames'] });
    } else {
      zkConnect(b, AUTH['zookeeper.enabled'] === 'true');
    }
    // SASL (rendered when a listener or the ZooKeeper user uses SASL).
    const protocols = [client.text, inter.text, ...(kraft ? [controller.text] : []), ...(externalEnabled ? [external.text] : [])];
    if (protocols.some(isSasl) || v.truthy('auth', 'sasl', 'jaas', 'zookeeperUser')) {
      b.value('sasl.enabled.mechanisms', ['auth', 'sasl', 'mechanisms'], { codec: LOWER_UPPER, def: AUTH['auth.sasl.mechanisms'] });
      b.value('sasl.mechanism.inter.broker.protocol', ['auth', 'sasl', 'interBrokerMechanism'], { codec: LOWER_UPPER, def: AUTH['auth.sasl.interBrokerMechanism'] });
    }
    // TLS (rendered when a listener uses TLS).
    if (protocols.some(isTls)) {
      b.value('ssl.endpoint.identification.algorithm', ['auth', 'tls', 'endpointIdentificationAlgorithm'], { def: AUTH['auth.tls.endpointIdentificationAlgorithm'] });
      const raw = client.link?.map.value ?? AUTH['auth.clientProtocol'];
      b.value('ssl.client.auth', ['auth', 'clientProtocol'], { codec: clientAuthCodec(raw), def: AUTH['auth.clientProtocol'] });
    }
    // Authorization [S34 values.yaml ≤23: authorizerClassName "", allowEveryoneIfNoAclFound true, superUsers User:admin].
    b.value('authorizer.class.name', ['authorizerClassName'], { def: AUTH.authorizerClassName, blank: true, near: AUTHZ_VALUES });
    b.value('allow.everyone.if.no.acl.found', ['allowEveryoneIfNoAclFound'], { codec: BOOL, def: AUTH.allowEveryoneIfNoAclFound, near: AUTHZ_VALUES });
    b.value('super.users', ['superUsers'], { def: AUTH.superUsers, blank: true, near: AUTHZ_VALUES });
    // ZooKeeper TLS client (auth.zookeeper.tls.*) [S34].
    if (!kraft) {
      const zkTls = b.value('zookeeper.ssl.client.enable', ['auth', 'zookeeper', 'tls', 'enabled'], { codec: BOOL, def: AUTH['auth.zookeeper.tls.enabled'], near: [['auth', 'zookeeper'], ['zookeeper', 'enabled'], ['externalZookeeper', 'servers']] });
      if (zkTls && zkTls.value === 'true') {
        b.fixed('zookeeper.clientCnxnSocket', ZK_NETTY_CLIENT_SOCKET, zkTls.valueSpan, `${b.chart}: set by the image when ZooKeeper TLS is on`);
        b.value('zookeeper.ssl.endpoint.identification.algorithm', ['auth', 'zookeeper', 'tls', 'verifyHostname'], { codec: VERIFY_HOSTNAME, def: AUTH['auth.zookeeper.tls.verifyHostname'] });
      }
    }
    b.value('log.dirs', ['logsDirs'], { def: AUTH.logsDirs, near: [['persistence', 'mountPath'], ['persistence']] });
    secretSettings(b, 'auth');
    // Extra environment variables come after the chart's and win [S33].
    envSettings(b, ['extraEnvVars'], decodeBitnamiHelper);
    sinks.push(chartTlsSink(v, ctx.eol, 'auth'));
    sinks.push(new EnvListSink(v, ctx.eol, ['extraEnvVars'], (k) => encodeEnv('bitnami', k)));
    facts.set(PUBLISHED_PORTS_FACT, externalEnabled ? publishedExternal(v, ['containerPorts', 'external'], AUTH['containerPorts.external']) : []);
  }
  jvmFacts(v, facts, [['extraEnvVars']]);
  facts.set('environment', envEntries(v, [['extraEnvVars']]));
  facts.set('tlsAutoGenerated', { enabled: v.truthy('auth', 'tls', 'autoGenerated') ?? false, engine: 'helm', span: v.anchor(['auth', 'tls', 'autoGenerated']) });
  mountFacts(v, facts, [['persistence', 'mountPath']], AUTH['persistence.mountPath']);
  return [buildDocument({ path: ctx.path, text: ctx.text, format: 'helm-bitnami', values: v, builder: b, sinks, facts, anchor, ...(ctx.version ? { version: ctx.version } : {}) })];
}

/**
 * Where the chart takes listener certificates from [S34 values.yaml]: ≤23 `auth.tls.existingSecrets`
 * (a list) or `auth.tls.autoGenerated` (PEM only); 24–31 `tls.existingSecret` or `tls.autoGenerated`
 * (PEM only); ≥32 `tls.existingSecret` or `tls.autoGenerated.enabled` (default true).
 */
function chartTlsSink(v: Values, eol: string, schema: BitnamiSchema): ChartTlsSink {
  const pem = (type: string | undefined) => (type ?? 'JKS').trim().toUpperCase() === 'PEM';
  if (schema === 'auth') {
    const configured = !!v.truthy('auth', 'tls', 'existingSecrets') || (!!v.truthy('auth', 'tls', 'autoGenerated') && pem(v.str('auth', 'tls', 'type')));
    return new ChartTlsSink(v, eol, configured, ['auth', 'tls', 'existingSecrets'], true);
  }
  const generated =
    schema === 'kraft4'
      ? (v.truthy('tls', 'autoGenerated', 'enabled') ?? LST['tls.autoGenerated.enabled'] === 'true')
      : !!v.truthy('tls', 'autoGenerated') && pem(v.str('tls', 'type'));
  return new ChartTlsSink(v, eol, !!v.truthy('tls', 'existingSecret') || generated, ['tls', 'existingSecret'], false);
}

/** Bitnami variables, plus the TLS client-auth helper the image turns into `ssl.client.auth` [S33]. */
function decodeBitnamiHelper(name: string): string | undefined {
  if (name === 'KAFKA_TLS_CLIENT_AUTH') return 'ssl.client.auth';
  return decodeBitnami(name);
}

/** The published external listener port (LoadBalancer or NodePort service in front of it). */
function publishedExternal(v: Values, portPath: readonly string[], def: string, spanPath: readonly string[] = ['externalAccess', 'enabled']) {
  const port = Number(v.str(...portPath) ?? def);
  const ref = v.at(...spanPath);
  const span = ref.node ? nodeSpan(ref.node) : v.anchor(spanPath);
  return Number.isFinite(port) ? [{ container: port, hostIp: '', span }] : [];
}

function jvmFacts(v: Values, facts: Map<string, unknown>, lists: ReadonlyArray<readonly string[]>): void {
  for (const path of lists) {
    for (const item of envItems(v, path)) {
      if (item.name !== 'KAFKA_OPTS' || item.fromRef) continue;
      facts.set('jvmSystemProperties', systemProperties(scalarText(item.valueRef.node) ?? ''));
    }
  }
}

function mountFacts(v: Values, facts: Map<string, unknown>, paths: ReadonlyArray<readonly string[]>, def: string): void {
  const mounts = new Set<string>();
  for (const p of paths) mounts.add(v.str(...p) || def);
  facts.set('mountedPaths', [...mounts]);
}

// ---------------------------------------------------------------------------------------------
// ≥24: listeners.* schema (and ≥32)

interface ListenerSpec {
  key: string;
  name: Part;
  port: Part;
  protocol: Part;
  basePath: readonly string[];
}

function listenerSpec(b: SettingsBuilder, key: string): ListenerSpec {
  const d = BITNAMI_LISTENER_DEFAULTS.find((l) => l.key === key)!;
  return {
    key,
    name: b.part(['listeners', key, 'name'], d.name, UPPER),
    port: b.part(['listeners', key, 'containerPort'], d.containerPort),
    protocol: b.part(['listeners', key, 'protocol'], d.protocol, UPPER),
    basePath: ['listeners', key],
  };
}

function extraListenerSpecs(b: SettingsBuilder): ListenerSpec[] {
  const ref = b.values.at('listeners', 'extraListeners');
  const out: ListenerSpec[] = [];
  b.values.items(ref).forEach((item, i) => {
    if (!isMap(item)) return;
    const base = ['listeners', 'extraListeners', String(i)];
    const sub = (k: string): Part => {
      const e = entriesOf(b.values.walker, item).find((x) => x.key === k);
      if (!e || !e.value || !isScalar(e.value)) return { text: '' };
      const r = { path: [...base, k], node: e.value, keyNode: e.keyNode, pair: e.pair, parent: item };
      const map = b.values.map(r)!;
      const codec = k === 'port' || k === 'containerPort' ? IDENTITY : UPPER;
      return { text: codec.decode(map.value), link: { ref: r, map, codec } };
    };
    const name = sub('name');
    if (!name.text) return;
    out.push({ key: `extra${i}`, name, port: sub('containerPort').text ? sub('containerPort') : sub('port'), protocol: sub('protocol'), basePath: base });
  });
  return out;
}

type Group = 'controller' | 'broker';

function readListenersSchema(ctx: Context, schema: 'listeners' | 'kraft4'): KafkaDocument[] {
  const v = ctx.values;
  if (v.truthy('existingConfigmap')) {
    ctx.problems.push({
      span: nodeSpan(v.at('existingConfigmap').keyNode),
      severity: 'info',
      message: 'existingConfigmap: the broker configuration comes from a ConfigMap that is not in this file, so the broker settings were not checked.',
    });
    return [];
  }
  const kraft = schema === 'kraft4' ? true : (v.truthy('kraft', 'enabled') ?? LST['kraft.enabled'] === 'true');
  const groups: Group[] = [];
  if (kraft) {
    const controllers = Number(v.str('controller', 'replicaCount') ?? LST['controller.replicaCount']);
    const brokers = Number(v.str('broker', 'replicaCount') ?? LST['broker.replicaCount']);
    if (!(controllers === 0)) groups.push('controller');
    if (brokers > 0 || Number.isNaN(brokers)) groups.push('broker');
  } else {
    groups.push('broker');
  }
  const docs: KafkaDocument[] = [];
  const listenersKey = v.at('listeners');
  const anchor = listenersKey.keyNode ? nodeSpan(listenersKey.keyNode) : v.anchor(['listeners']);
  for (const group of groups) {
    const controllerOnly = group === 'controller' && (v.truthy('controller', 'controllerOnly') ?? false);
    const b = new SettingsBuilder(v, `bitnami/kafka ${schema === 'kraft4' ? '≥32' : '24–31'}`);
    const facts = ctx.facts();
    (facts.get(CHART_FACT) as HelmChartFact).nodeGroup = group;
    const sinks: Sink[] = [];
    const roleConfig = schema === 'kraft4' ? undefined : propsBlock(v, [group, 'config']) ?? propsBlock(v, ['config']);
    const roleConfigMap = schema === 'kraft4' ? [[group, 'config'], ['config']].find((p) => truthy(v.at(...p).node) && isMap(v.at(...p).node)) : undefined;

    const client = listenerSpec(b, 'client');
    const inter = listenerSpec(b, 'interbroker');
    const ctrl = listenerSpec(b, 'controller');
    const ext = listenerSpec(b, 'external');
    const extras = extraListenerSpecs(b);
    const externalEnabled = v.truthy('externalAccess', 'enabled') ?? false;

    if (roleConfig) {
      for (const p of roleConfig.problems) ctx.problems.push({ ...p, severity: 'error' });
      b.props(roleConfig);
    } else if (roleConfigMap) {
      mapSettings(b, roleConfigMap, IDENTITY, (k) => k, (m, p) => mapEntryRemover(v, m, p));
    } else {
      const bound: ListenerSpec[] = controllerOnly ? [ctrl] : [client, inter, ...(externalEnabled ? [ext] : []), ...(kraft && group === 'controller' ? [ctrl] : []), ...extras];
      const mapped: ListenerSpec[] = [client, inter, ...(kraft ? [ctrl] : []), ...(externalEnabled ? [ext] : []), ...extras];
      // listeners
      if (v.truthy('listeners', 'overrideListeners')) b.value('listeners', ['listeners', 'overrideListeners']);
      else {
        const parts: Part[] = [];
        bound.forEach((l, i) => parts.push({ text: i ? ',' : '' }, l.name, { text: '://:' }, l.port));
        b.parts('listeners', parts, anchor, `${b.chart}: listeners.* names and containerPorts`);
      }
      if (v.truthy('listeners', 'securityProtocolMap')) b.value('listener.security.protocol.map', ['listeners', 'securityProtocolMap']);
      else {
        const parts: Part[] = [];
        mapped.forEach((l, i) => parts.push({ text: i ? ',' : '' }, l.name, { text: ':' }, l.protocol));
        b.parts('listener.security.protocol.map', parts, anchor, `${b.chart}: listeners.*.protocol`);
      }
      if (!controllerOnly) {
        if (v.truthy('listeners', 'advertisedListeners')) b.value('advertised.listeners', ['listeners', 'advertisedListeners']);
        else {
          const domain = v.str('clusterDomain') || LST.clusterDomain;
          const host = `$(MY_POD_NAME).<fullname>-${group}-headless.<namespace>.svc.${domain}`;
          const parts: Part[] = [];
          [client, inter].forEach((l, i) => parts.push({ text: i ? ',' : '' }, l.name, { text: `://${host}:` }, l.port));
          b.parts('advertised.listeners', parts, anchor, `${b.chart}: pod addresses in the headless service`);
        }
        b.parts('inter.broker.listener.name', [inter.name], anchor, 'listeners.interbroker.name', inter.name);
      }
      if (kraft) {
        b.fixed('process.roles', group === 'broker' ? 'broker' : controllerOnly ? 'controller' : 'controller,broker', roleAnchor(v, group), `${b.chart}: ${group} node group${group === 'controller' ? ' (controller.controllerOnly)' : ''}`);
        b.parts('controller.listener.names', [ctrl.name], anchor, 'listeners.controller.name', ctrl.name);
      } else {
        zkConnect(b, LST['zookeeper.enabled'] === 'true');
      }
      const protocols = (controllerOnly ? [ctrl] : mapped).map((l) => l.protocol.text);
      if (protocols.some(isSasl)) {
        const mechs = b.value('sasl.enabled.mechanisms', ['sasl', 'enabledMechanisms'], { codec: UPPER, def: LST['sasl.enabledMechanisms'] });
        if (!controllerOnly) b.value('sasl.mechanism.inter.broker.protocol', ['sasl', 'interBrokerMechanism'], { codec: UPPER, def: LST['sasl.interBrokerMechanism'] });
        if (kraft) b.value('sasl.mechanism.controller.protocol', ['sasl', 'controllerMechanism'], { codec: UPPER, def: LST['sasl.controllerMechanism'] });
        if (mechs && splitList(mechs.value).some((m) => m.toUpperCase() === 'OAUTHBEARER')) {
          // The chart renders the validating handler for OAUTHBEARER listeners [S34 _helpers.tpl].
          for (const l of controllerOnly ? [ctrl] : bound) {
            if (!isSasl(l.protocol.text)) continue;
            b.fixed(`listener.name.${l.name.text.toLowerCase()}.oauthbearer.sasl.server.callback.handler.class`, OAUTHBEARER_VALIDATOR, mechs.valueSpan, `${b.chart}: OAUTHBEARER validator`);
          }
          for (const [key, path] of [
            ['sasl.oauthbearer.jwks.endpoint.url', ['sasl', 'oauthbearer', 'jwksEndpointUrl']],
            ['sasl.oauthbearer.token.endpoint.url', ['sasl', 'oauthbearer', 'tokenEndpointUrl']],
            ['sasl.oauthbearer.expected.audience', ['sasl', 'oauthbearer', 'expectedAudience']],
          ] as const) {
            if (v.truthy(...path)) b.value(key, path);
          }
        }
      }
      const tlsUsed = (controllerOnly ? [ctrl] : mapped).filter((l) => isTls(l.protocol.text));
      if (tlsUsed.length) {
        b.value('ssl.endpoint.identification.algorithm', ['tls', 'endpointIdentificationAlgorithm'], { def: LST['tls.endpointIdentificationAlgorithm'] });
        b.value('ssl.client.auth', ['tls', 'sslClientAuth'], { def: LST['tls.sslClientAuth'] });
        for (const l of tlsUsed) {
          if (v.truthy(...l.basePath, 'sslClientAuth')) b.value(`listener.name.${l.name.text.toLowerCase()}.ssl.client.auth`, [...l.basePath, 'sslClientAuth']);
        }
      }
      if (!kraft && schema === 'listeners') {
        const zkTls = b.value('zookeeper.ssl.client.enable', ['tls', 'zookeeper', 'enabled'], { codec: BOOL, def: LST['tls.zookeeper.enabled'], near: [['tls', 'zookeeper'], ['zookeeper', 'enabled'], ['externalZookeeper', 'servers']] });
        if (zkTls && zkTls.value === 'true') {
          b.fixed('zookeeper.clientCnxnSocket', ZK_NETTY_CLIENT_SOCKET, zkTls.valueSpan, `${b.chart}: rendered when ZooKeeper TLS is on`);
          b.value('zookeeper.ssl.endpoint.identification.algorithm', ['tls', 'zookeeper', 'verifyHostname'], { codec: VERIFY_HOSTNAME, def: LST['tls.zookeeper.verifyHostname'] });
        }
      }
      const mount = [group, 'persistence', 'mountPath'];
      const mountPart = b.part(mount, LST['controller.persistence.mountPath']);
      b.parts('log.dir', [mountPart, { text: '/data' }], v.anchor(mount), `${group}.persistence.mountPath + /data`, mountPart);
      secretSettings(b, schema);
    }

    // Listener stores come from the chart's TLS values while the chart generates the configuration.
    if (!roleConfig && !roleConfigMap) sinks.push(chartTlsSink(v, ctx.eol, schema));
    // Free-form configuration, in the order the chart appends it (later wins).
    if (schema === 'listeners') {
      for (const p of [['extraConfig'], [group, 'extraConfig'], ['secretConfig'], [group, 'secretConfig']]) {
        const block = propsBlock(v, p);
        if (!block) continue;
        for (const pr of block.problems) ctx.problems.push({ ...pr, severity: 'error' });
        b.props(block);
      }
      for (const p of [['extraConfigYaml'], [group, 'extraConfigYaml']]) mapSettings(b, p, IDENTITY, (k) => k, (m, pair) => mapEntryRemover(v, m, pair));
      sinks.push(new PropsSink(v, ctx.eol, ['extraConfig'], propsBlock(v, ['extraConfig']), 'config'));
    } else {
      for (const p of [['secretConfig'], [group, 'secretConfig']]) {
        const block = propsBlock(v, p);
        if (block) b.props(block);
      }
      for (const p of [['overrideConfiguration'], [group, 'overrideConfiguration']]) mapSettings(b, p, IDENTITY, (k) => k, (m, pair) => mapEntryRemover(v, m, pair));
      sinks.push(new MapSink(v, ctx.eol, ['overrideConfiguration'], (k) => k, 'config'));
    }
    envSettings(b, ['extraEnvVars'], decodeBitnamiHelper);
    envSettings(b, [group, 'extraEnvVars'], decodeBitnamiHelper);
    jvmFacts(v, facts, [['extraEnvVars'], [group, 'extraEnvVars']]);
    facts.set('environment', envEntries(v, [['extraEnvVars'], [group, 'extraEnvVars']]));
    if (schema === 'kraft4') {
      facts.set('tlsAutoGenerated', {
        enabled: v.truthy('tls', 'autoGenerated', 'enabled') ?? LST['tls.autoGenerated.enabled'] === 'true',
        engine: v.str('tls', 'autoGenerated', 'engine') ?? LST['tls.autoGenerated.engine'],
        span: v.anchor(['tls', 'autoGenerated', 'enabled']),
      });
    } else {
      facts.set('tlsAutoGenerated', { enabled: v.truthy('tls', 'autoGenerated') ?? false, engine: 'helm', span: v.anchor(['tls', 'autoGenerated']) });
    }
    const published = externalEnabled && !controllerOnly ? publishedExternal(v, ['listeners', 'external', 'containerPort'], '9095') : [];
    if (externalEnabled && group === 'controller' && v.truthy('externalAccess', 'controller', 'forceExpose')) {
      published.push(...publishedExternal(v, ['listeners', 'controller', 'containerPort'], '9093', ['externalAccess', 'controller', 'forceExpose']));
    }
    facts.set(PUBLISHED_PORTS_FACT, published);
    mountFacts(v, facts, [[group, 'persistence', 'mountPath']], LST['controller.persistence.mountPath']);
    docs.push(buildDocument({ path: ctx.path, text: ctx.text, format: 'helm-bitnami', values: v, builder: b, sinks, facts, anchor, ...(ctx.version ? { version: ctx.version } : {}) }));
  }
  return docs;
}

function roleAnchor(v: Values, group: Group): Span {
  const ref = v.at(group, group === 'controller' ? 'controllerOnly' : 'replicaCount');
  if (ref.node) return nodeSpan(ref.node);
  const key = v.at(group);
  return key.keyNode ? nodeSpan(key.keyNode) : v.anchor([group, 'replicaCount']);
}

/**
 * The broker logging configuration written in the values (`log4j`, a log4j.properties text, ≤31;
 * `log4j2` ≥32 when it is written in properties syntax) as a log4j document.
 */
function readLogging(ctx: Context, schema: BitnamiSchema, authorizer: string | undefined): KafkaDocument | undefined {
  const v = ctx.values;
  const key = schema === 'kraft4' ? 'log4j2' : 'log4j';
  const block = propsBlock(v, [key]);
  if (!block) return undefined;
  if (key === 'log4j2' && !/^\s*(rootLogger|logger\.|appender\.|status\s*=|property\.)/m.test(block.map.value)) {
    ctx.problems.push({ span: nodeSpan(v.at(key).keyNode), severity: 'info', message: 'log4j2 is not written in properties syntax, so its loggers were not checked.' });
    return undefined;
  }
  for (const p of block.problems) ctx.problems.push({ ...p, severity: 'error' });
  const b = new SettingsBuilder(v, 'bitnami/kafka');
  b.props(block);
  const facts = ctx.facts();
  // The authorizer of the brokers this logging belongs to (authorizer-audit-log-suppressed AUTHORIZER_CLASS_FACT).
  if (authorizer !== undefined) facts.set('authorizerClassName', authorizer);
  const keyNode = v.at(key).keyNode;
  return buildDocument({ path: ctx.path, text: ctx.text, format: 'helm-bitnami', values: v, builder: b, sinks: [new PropsSink(v, ctx.eol, [key], block)], facts, anchor: keyNode ? nodeSpan(keyNode) : v.anchor([key]), role: 'log4j' });
}

/** Read the Bitnami kafka chart values of one values root into documents. */
export function readBitnamiKafka(path: string, text: string, values: Values, option: KafkaVersion | undefined, hint?: ChartHint): HelmRead {
  const problems: FileProblem[] = [];
  const chartInfo = bitnamiChart(values, hint);
  const version = kafkaVersion(values, chartInfo.schema, option, hint);
  const chart: HelmChartFact = { name: 'bitnami/kafka', schema: chartInfo.schema, majorFrom: chartInfo.majorFrom, ...(chartInfo.major !== undefined ? { major: chartInfo.major } : {}) };
  const ctx: Context = {
    path,
    text,
    eol: detectLineEnding(text),
    values,
    ...(version ? { version } : {}),
    chart,
    problems,
    facts: () => {
      const f = new Map<string, unknown>();
      f.set(CHART_FACT, { ...chart });
      // The chart runs bitnami/kafka unless image.repository says otherwise.
      const repo = values.str('image', 'repository') || 'bitnami/kafka';
      const tag = values.str('image', 'tag');
      const info = imageInfo(`${repo}:${tag || 'latest'}`);
      if (info) f.set('image', info);
      return f;
    },
  };
  const documents = chartInfo.schema === 'auth' ? readAuthSchema(ctx) : readListenersSchema(ctx, chartInfo.schema);
  const logging = readLogging(ctx, chartInfo.schema, documents[0]?.settings.get('authorizer.class.name')?.value);
  if (logging) documents.push(logging);
  // The bundled ZooKeeper subchart (charts ≤31 in ZooKeeper mode).
  if (chartInfo.schema !== 'kraft4') {
    const kraft = chartInfo.schema === 'auth' ? (values.truthy('kraft', 'enabled') ?? false) : (values.truthy('kraft', 'enabled') ?? true);
    const zkDefault = chartInfo.schema === 'auth' ? AUTH['zookeeper.enabled'] === 'true' : LST['zookeeper.enabled'] === 'true';
    if (!kraft && (values.truthy('zookeeper', 'enabled') ?? zkDefault)) {
      const zk = readZookeeperSubchart(path, text, values, 'zookeeper', documents[0]?.anchor ?? values.anchor(['zookeeper']));
      documents.push(...zk.documents);
      problems.push(...zk.problems);
    }
  }
  return { documents, problems };
}

