/**
 * Confluent cp-helm-charts `cp-kafka` values (RULES.md §B.5), and the archived helm/charts
 * `incubator/kafka` chart, which runs the same cp-kafka image and renders its values the same way.
 * `configurationOverrides` entries become `KAFKA_<KEY>` variables (dots → `_`, upper-cased, no other
 * escaping) that the image decodes back into keys, so the canonical key is the decoded name.
 */
import { isMap, isScalar, type Pair } from 'yaml';
import { detectLineEnding, type Span } from '../../../parse/text';
import { nodeSpan, type YamlNode } from '../../../parse/yaml';
import { CP_KAFKA_CHART, INCUBATOR_KAFKA_CHART } from '../../charts';
import { decodeConfluent, encodeEnv, imageInfo, type ImageInfo } from '../../images';
import { parseListenerList, parseProtocolMap } from '../../listeners';
import { secretBaseOf } from '../../literal-secrets';
import { isSecretSetting } from '../../secrets';
import type { FileProblem, KafkaVersion, Setting } from '../../types';
import { buildDocument, CHART_FACT, PUBLISHED_PORTS_FACT, systemProperties, type HelmChartFact, type HelmRead } from './common';
import { partSpan, SettingsBuilder, type Binding, type Part } from './model';
import { entriesOf, goText, type Codec, type Values } from './values';
import { mapEntryRemover, MapSink, type Sink } from './writer';
import { subSpan } from './yaml-text';

/**
 * Fact key: what became of each `configurationOverrides` key.
 *
 * Contract: `doc.facts.get(CP_OVERRIDES_FACT)` is a `readonly CpOverride[]` in file order, set by the
 * cp-helm-charts and incubator readers. `decoded` is the key the broker receives (undefined when the
 * image does not treat the variable as a property).
 */
export const CP_OVERRIDES_FACT = 'cpOverrides';

export interface CpOverride {
  /** The key as written in `configurationOverrides`. */
  written: string;
  /** The variable the chart renders: upper(`KAFKA_` + key with `.` → `_`). */
  envName: string;
  decoded: string | undefined;
  /** The YAML key (with its quotes when quoted). */
  keySpan: Span;
  valueSpan: Span;
  /** The value holds a secret (never copy it into a fix). */
  secret: boolean;
  /** The image decodes one-character segments wrongly (8.x `ub` helper). */
  goDecoder: boolean;
}

export type CpVariant = 'cp-helm-charts' | 'incubator';

/** Whether a values root is cp-helm-charts `cp-kafka`'s. */
export function isCpKafkaValues(values: Values): boolean {
  if (!values.has(['configurationOverrides'], ['customEnv'])) return false;
  const image = values.str('image') ?? '';
  return /(^|\/)(cp-kafka|cp-server|cp-enterprise-kafka)(:|$)/.test(image) || values.has(['cp-zookeeper'], ['nodeport'], ['customEnv'], ['brokers']);
}

/** Whether a values root is helm/charts `incubator/kafka`'s. */
export function isIncubatorKafkaValues(values: Values): boolean {
  if (!values.has(['configurationOverrides'])) return false;
  return values.has(['envOverrides'], ['external', 'firstListenerPort'], ['kafkaHeapOptions'], ['zookeeper', 'url'], ['headless', 'port']);
}

/** The Go `ub` helper of 8.x images: `[^_]_[^_]` replaced without overlap, so `A_B_C` → `a.b_c` [S29]. */
export function decodeConfluentGo(name: string, prefix: string): string | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const python = decodeConfluent(name, prefix);
  if (python === undefined) return undefined;
  if (name === 'KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET') return python;
  const k = name
    .slice(prefix.length)
    .replace(/[^_]_[^_]/g, (m) => `${m[0]}.${m[2]}`)
    .replace(/___/g, '-')
    .replace(/__/g, '_');
  return k ? k.toLowerCase() : undefined;
}

/** The variable name the chart renders for a `configurationOverrides` key. */
export function overrideEnvName(key: string): string {
  return ('KAFKA_' + key.replace(/\./g, '_')).toUpperCase();
}

/** The listeners the cp-kafka image derives from advertised listeners: every host becomes 0.0.0.0 [S31]. */
const DERIVE_LISTENERS: Codec = { decode: (v) => v.replace(/:\/\/[^:,]*:/g, '://0.0.0.0:'), encode: () => undefined };

function imageOf(values: Values, variant: CpVariant): { ref: string; info: ImageInfo | undefined } {
  const name = values.str('image') || (variant === 'incubator' ? INCUBATOR_KAFKA_CHART.imageDefault : CP_KAFKA_CHART.imageDefault);
  const tag = values.str('imageTag');
  const ref = tag ? `${name}:${tag}` : name;
  return { ref, info: imageInfo(ref) };
}

/** Read cp-helm-charts `cp-kafka` (or incubator/kafka) values into one broker document. */
export function readCpKafka(path: string, text: string, values: Values, option: KafkaVersion | undefined, variant: CpVariant): HelmRead {
  const eol = detectLineEnding(text);
  const problems: FileProblem[] = [];
  const chartName = variant === 'incubator' ? 'incubator/kafka' : 'cp-helm-charts/cp-kafka';
  const b = new SettingsBuilder(values, chartName);
  const facts = new Map<string, unknown>();
  facts.set(CHART_FACT, { name: chartName } satisfies HelmChartFact);
  const image = imageOf(values, variant);
  if (image.info) facts.set('image', image.info);
  const goDecoder = !!image.info?.version && image.info.version.major >= 4;
  const decode = (name: string) => (goDecoder ? decodeConfluentGo(name, 'KAFKA_') : decodeConfluent(name, 'KAFKA_'));
  const overridesKey = values.at('configurationOverrides');
  const anchor: Span = overridesKey.keyNode ? nodeSpan(overridesKey.keyNode) : values.anchor(['image']);

  if (variant === 'cp-helm-charts') {
    problems.push({
      span: anchor,
      severity: 'info',
      message: 'cp-helm-charts is deprecated (its README points to Confluent for Kubernetes); kafkalint reads cp-kafka values as the last chart release renders them.',
    });
  } else {
    problems.push({
      span: anchor,
      severity: 'info',
      message:
        'helm/charts incubator/kafka is archived; kafkalint reads its configurationOverrides and envOverrides as the cp-kafka image decodes them, and the PLAINTEXT listener the chart always adds. Other values are not checked.',
    });
  }

  // What the chart hard-codes before the user's variables [S35 statefulset.yaml].
  if (variant === 'cp-helm-charts') {
    const zkEnabled = values.truthy('cp-zookeeper', 'enabled') ?? true;
    const zkRef = values.at('cp-zookeeper', zkEnabled ? 'enabled' : 'url');
    const zkSpan = zkRef.node ? nodeSpan(zkRef.node) : anchor;
    if (zkEnabled) b.fixed('zookeeper.connect', `<release>-cp-zookeeper-headless:${CP_KAFKA_CHART.zookeeperPort}`, zkSpan, `${chartName}: bundled cp-zookeeper`);
    else b.value('zookeeper.connect', ['cp-zookeeper', 'url'], { def: '' });
    const disks = Math.max(1, Number(values.str('persistence', 'disksPerBroker') ?? '1') || 1);
    const dirs = Array.from({ length: disks }, (_, i) => `${CP_KAFKA_CHART.logDirsPrefix}${i}/logs`).join(',');
    b.fixed('log.dirs', dirs, values.anchor(['persistence', 'disksPerBroker']), `${chartName}: one log directory per disk`);
    b.fixed('metric.reporters', CP_KAFKA_CHART.metricReporters, anchor, `${chartName}: KAFKA_METRIC_REPORTERS`);
  } else {
    const zkEnabled = values.truthy('zookeeper', 'enabled') ?? true;
    const zkSpan = values.anchor(['zookeeper', 'enabled']);
    if (zkEnabled) b.fixed('zookeeper.connect', '<release>-zookeeper:2181', zkSpan, `${chartName}: bundled ZooKeeper`);
    else b.parts('zookeeper.connect', [b.part(['zookeeper', 'url'], ''), { text: ':' }, b.part(['zookeeper', 'port'], '2181')], zkSpan, 'zookeeper.url:zookeeper.port', b.part(['zookeeper', 'url'], ''));
    const mount = b.part(['persistence', 'mountPath'], '/opt/kafka/data');
    b.parts('log.dirs', [mount, { text: '/' }, b.part(['logSubPath'], 'logs')], values.anchor(['persistence', 'mountPath']), 'persistence.mountPath/logSubPath', mount);
  }

  // configurationOverrides → KAFKA_<KEY> → decoded by the image.
  const overrides: CpOverride[] = [];
  let advertisedOverride: Setting | undefined;
  let listenersOverride = false;
  const overridesNode = overridesKey.node;
  if (overridesNode && isMap(overridesNode)) {
    for (const e of entriesOf(values.walker, overridesNode)) {
      const envName = overrideEnvName(e.key);
      const decoded = decode(envName);
      const valueNode = e.value;
      const keySpan = nodeSpan(e.keyNode);
      const ref = { path: ['configurationOverrides', e.key], node: valueNode, keyNode: e.keyNode, pair: e.pair, parent: overridesNode };
      const map = valueNode && isScalar(valueNode) ? values.map(ref) : undefined;
      const rendered = goText(valueNode);
      let setting: Setting | undefined;
      if (decoded && map) {
        const node: YamlNode | null = valueNode;
        const codec: Codec = { decode: () => goText(node), encode: (v) => v, strings: true };
        // Secret by the decoded key or by the key as written (a mangled `…sasl.jaas.config` still holds a JAAS secret).
        const secret = isSecretSetting(decoded, rendered) || isSecretSetting(e.key, rendered) || !!secretBaseOf(e.key);
        setting = b.written(decoded, e.keyNode, ref, codec, `configurationOverrides."${e.key}" (${envName})`, mapEntryRemover(values, overridesNode, e.pair as Pair), secret);
        if (decoded === 'advertised.listeners') advertisedOverride = setting;
        if (decoded === 'listeners') listenersOverride = true;
      }
      if (envName === 'KAFKA_OPTS') facts.set('jvmSystemProperties', systemProperties(rendered));
      overrides.push({ written: e.key, envName, decoded, keySpan, valueSpan: map?.span ?? keySpan, secret: !!setting?.secret, goDecoder });
    }
  }
  facts.set(CP_OVERRIDES_FACT, overrides);

  // customEnv (cp-helm-charts) / envOverrides (incubator): raw variables.
  const envPath = variant === 'incubator' ? 'envOverrides' : 'customEnv';
  const envNode = values.at(envPath).node;
  if (envNode && isMap(envNode)) {
    for (const e of entriesOf(values.walker, envNode)) {
      const name = variant === 'incubator' ? e.key.replace(/\./g, '_').toUpperCase() : e.key;
      if (name === 'KAFKA_OPTS') facts.set('jvmSystemProperties', systemProperties(goText(e.value)));
      const decoded = decode(name);
      if (!decoded || !e.value || !isScalar(e.value)) continue;
      const node: YamlNode | null = e.value;
      const ref = { path: [envPath, e.key], node: e.value, keyNode: e.keyNode, pair: e.pair, parent: envNode };
      const codec: Codec = { decode: () => goText(node), encode: (v) => v, strings: true };
      const s = b.written(decoded, e.keyNode, ref, codec, `${envPath}.${e.key}`, mapEntryRemover(values, envNode, e.pair as Pair));
      if (decoded === 'advertised.listeners' && s) advertisedOverride = s;
      if (decoded === 'listeners') listenersOverride = true;
    }
  }

  // The start command prepends the chart's PLAINTEXT listener to the advertised listeners [S35].
  const fixedListener = variant === 'incubator' ? INCUBATOR_KAFKA_CHART.advertisedListener : CP_KAFKA_CHART.advertisedListener;
  const advParts: Part[] = [{ text: fixedListener }];
  if (advertisedOverride) {
    const last = b.entries.filter((x) => x.setting === advertisedOverride).map((x) => x.binding)[0];
    if (last?.kind === 'value') advParts.push({ text: ',' }, { text: advertisedOverride.value, link: last.link });
  }
  b.parts('advertised.listeners', advParts, anchor, `${chartName}: PLAINTEXT on 9092 prepended to configurationOverrides advertised.listeners`, advParts[2]);
  if (!listenersOverride) {
    // KAFKA_LISTENERS unset: the image binds every advertised listener on 0.0.0.0 [S31].
    const lParts: Part[] = [{ text: DERIVE_LISTENERS.decode(fixedListener) }];
    const userPart = advParts[2];
    if (userPart?.link) lParts.push({ text: ',' }, { text: DERIVE_LISTENERS.decode(userPart.text), link: { ...userPart.link, codec: DERIVE_LISTENERS } });
    b.parts('listeners', lParts, anchor, `${chartName}: listeners derived from advertised listeners by the image`, lParts[2]);
  }

  // Published ports: NodePort services in front of the first listener ports (cp `nodeport`, incubator `external`).
  const published: Array<{ container: number; hostIp: string; span: Span }> = [];
  const exposeRef = variant === 'incubator' ? values.at('external', 'enabled') : values.at('nodeport', 'enabled');
  if (exposeRef.node && (variant === 'incubator' ? values.truthy('external', 'enabled') : values.truthy('nodeport', 'enabled'))) {
    const first = Number((variant === 'incubator' ? values.str('external', 'firstListenerPort') : values.str('nodeport', 'firstListenerPort')) ?? '31090');
    const count = Number((variant === 'incubator' ? values.str('replicas') : values.str('brokers')) ?? CP_KAFKA_CHART.defaultBrokers) || 1;
    for (let i = 0; i < count; i++) published.push({ container: first + i, hostIp: '', span: nodeSpan(exposeRef.node) });
  }
  facts.set(PUBLISHED_PORTS_FACT, published);
  const jmx = values.str('jmx', 'port');
  if (jmx) facts.set('jmxPort', jmx);

  const sinks: Sink[] = [
    // A key survives configurationOverrides only if the image decodes its variable back to it.
    new MapSink(values, eol, ['configurationOverrides'], (k) => (decode(overrideEnvName(k)) === k ? k : undefined)),
    new MapSink(values, eol, [envPath], (k) => {
      const name = encodeEnv('cp-kafka', k);
      return name && decode(name) === k ? name : undefined;
    }, 'configurationOverrides'),
  ];
  const version: KafkaVersion | undefined = option ?? (image.info?.version ? { ...image.info.version, source: `image ${image.ref}` } : undefined);
  const doc = buildDocument({
    path,
    text,
    format: 'helm-confluent',
    values,
    builder: b,
    sinks,
    facts,
    anchor,
    ...(version ? { version } : {}),
    listenerSpans: (settings, bindings) => cpListenerSpans(anchor, settings, bindings),
  });
  return { documents: [doc], problems };
}

/**
 * Listener spans: the listener's entry in a written protocol map; else, for the chart's own PLAINTEXT
 * listener, the `configurationOverrides` key; for listeners the user advertises, their item.
 */
function cpListenerSpans(anchor: Span, settings: ReadonlyMap<string, Setting>, bindings: ReadonlyMap<string, readonly Binding[]>): Map<string, Span> {
  const out = new Map<string, Span>();
  const map = settings.get('listener.security.protocol.map');
  const list = bindings.get('listener.security.protocol.map');
  const mb = list?.[list.length - 1];
  if (map && mb?.kind === 'value' && map.value === mb.link.map.value) {
    for (const e of parseProtocolMap(map.value)) out.set(e.name, subSpan(mb.link.map, e.from, e.to));
  } else if (map) {
    for (const e of parseProtocolMap(map.value)) out.set(e.name, map.valueSpan);
  }
  const adv = settings.get('advertised.listeners');
  const ab = bindings.get('advertised.listeners');
  const parts = ab?.[ab.length - 1];
  if (adv && parts?.kind === 'parts') {
    for (const l of parseListenerList(adv.value)) {
      if (out.has(l.name)) continue;
      out.set(l.name, l.from === 0 ? anchor : partSpan(parts.parts, l.from, l.to, adv.valueSpan));
    }
  }
  return out;
}
