/**
 * Bitnami `zookeeper` chart values, standalone or as the subchart of the Bitnami kafka chart (≤31):
 * the zoo.cfg keys the image writes from the chart's `ZOO_*` variables (RULES.md §B.3(c), §B.4).
 */
import { nodeSpan } from '../../../parse/yaml';
import { detectLineEnding, type Span } from '../../../parse/text';
import {
  BITNAMI_ZOOKEEPER_DEFAULTS as ZK,
  BITNAMI_ZOOKEEPER_SECRET_VALUES,
  BITNAMI_ZOOKEEPER_VALUES,
  ZK_NETTY_SERVER_FACTORY,
  ZK_SASL_PROVIDER,
} from '../../charts';
import { BITNAMI_ZOOKEEPER_KEYS, encodeEnv, imageInfo } from '../../images';
import { buildDocument, CHART_FACT, envSettings, propsBlock, type HelmChartFact, type HelmRead } from './common';
import { SettingsBuilder } from './model';
import { YAMLMap } from 'yaml';
import { BOOL, truthy, Values } from './values';
import { EnvListSink, PropsSink, type Sink } from './writer';

/** Whether a values root is the Bitnami zookeeper chart's. */
export function isBitnamiZookeeperValues(values: Values): boolean {
  const repo = values.str('image', 'repository') ?? '';
  if (/(^|\/)zookeeper$/.test(repo)) return true;
  return values.has(['fourlwCommandsWhitelist'], ['zooServers'], ['tls', 'quorum'], ['auth', 'quorum', 'learnerUser']);
}

/** ZooKeeper version from the image tag; a fact, since a document's `version` is Kafka's. */
function zkVersion(values: Values): { major: number; minor: number; source: string } | undefined {
  const repo = values.str('image', 'repository');
  const tag = values.str('image', 'tag');
  if (!repo || !tag) return undefined;
  const info = imageInfo(`${repo}:${tag}`);
  return info?.version ? { ...info.version, source: `image.tag ${tag}` } : undefined;
}

/**
 * Read Bitnami zookeeper chart values. `anchorKey` is the subchart key (`zookeeper`) when the values
 * are nested in the kafka chart's values; chart defaults are then anchored on that key.
 */
export function readBitnamiZookeeper(path: string, text: string, values: Values, subchart: boolean): HelmRead {
  const eol = detectLineEnding(text);
  const b = new SettingsBuilder(values, subchart ? 'bitnami/zookeeper subchart' : 'bitnami/zookeeper');
  const facts = new Map<string, unknown>();
  const chart: HelmChartFact = { name: 'bitnami/zookeeper', ...(subchart ? { nodeGroup: 'subchart' } : {}) };
  facts.set(CHART_FACT, chart);
  const sinks: Sink[] = [];
  const problems: HelmRead['problems'] = [];
  const anchor: Span = values.rootKey ? nodeSpan(values.rootKey) : values.anchor(['containerPorts', 'client']);

  if (values.truthy('existingConfigmap')) {
    problems.push({
      span: nodeSpan(values.at('existingConfigmap').keyNode),
      severity: 'info',
      message: 'existingConfigmap: the ZooKeeper configuration comes from a ConfigMap that is not in this file, so zoo.cfg settings were not checked.',
    });
    return { documents: [], problems };
  }
  const config = propsBlock(values, ['configuration']);
  if (config) {
    // A written zoo.cfg replaces the one the image generates.
    for (const p of config.problems) problems.push({ ...p, severity: 'error' });
    b.props(config);
    sinks.push(new PropsSink(values, eol, ['configuration'], config));
  } else {
    for (const v of BITNAMI_ZOOKEEPER_VALUES) {
      const p = v.path.split('.');
      if (v.default === undefined) {
        if (values.truthy(...p)) b.value(v.key, p);
        continue;
      }
      b.value(v.key, p, { def: v.default, ...(v.key === 'quorumListenOnAllIPs' ? { codec: BOOL } : {}) });
    }
    // tls.client.enabled (ZOO_TLS_CLIENT_ENABLE): the image adds the secure port on the Netty factory [S33].
    if (values.truthy('tls', 'client', 'enabled') ?? ZK['tls.client.enabled'] === 'true') {
      const r = values.at('tls', 'client', 'enabled');
      b.value('secureClientPort', ['containerPorts', 'tls'], { def: ZK['containerPorts.tls'] });
      b.fixed('serverCnxnFactory', ZK_NETTY_SERVER_FACTORY, r.node ? nodeSpan(r.node) : anchor, `${b.chart}: set by the image with TLS`);
      b.value('ssl.clientAuth', ['tls', 'client', 'auth'], { def: ZK['tls.client.auth'] });
    }
    const quorumTls = b.value('sslQuorum', ['tls', 'quorum', 'enabled'], { codec: BOOL, def: ZK['tls.quorum.enabled'] });
    if (quorumTls?.value === 'true') b.value('ssl.quorum.clientAuth', ['tls', 'quorum', 'auth'], { def: ZK['tls.quorum.auth'] });
    if (values.truthy('auth', 'client', 'enabled')) {
      const r = values.at('auth', 'client', 'enabled');
      b.fixed('authProvider.sasl', ZK_SASL_PROVIDER, r.node ? nodeSpan(r.node) : anchor, `${b.chart}: auth.client.enabled`);
    }
    if (values.truthy('auth', 'quorum', 'enabled')) {
      const r = values.at('auth', 'quorum', 'enabled');
      const span = r.node ? nodeSpan(r.node) : anchor;
      for (const k of ['quorum.auth.enableSasl', 'quorum.auth.learnerRequireSasl', 'quorum.auth.serverRequireSasl']) b.fixed(k, 'true', span, `${b.chart}: auth.quorum.enabled`);
    }
    for (const p of BITNAMI_ZOOKEEPER_SECRET_VALUES) {
      const path = p.split('.');
      const ref = values.at(...path);
      if (!ref.pair || !truthy(ref.node)) continue;
      const external = values.truthy(path[0]!, path[1]!, 'existingSecret') || values.truthy(path[0]!, path[1]!, 'passwordsSecretName');
      b.raw(path, true, external ? 'externalized' : undefined);
    }
    envSettings(b, ['extraEnvVars'], (name) => BITNAMI_ZOOKEEPER_KEYS[name]);
    sinks.push(new EnvListSink(values, eol, ['extraEnvVars'], (k) => encodeEnv('bitnami-zookeeper', k)));
  }
  const svc = values.at('service', 'type');
  facts.set('serviceType', { value: values.str('service', 'type') ?? ZK['service.type'], span: svc.node ? nodeSpan(svc.node) : anchor });
  facts.set('replicaCount', values.str('replicaCount') ?? '1');
  facts.set('mountedPaths', [values.str('persistence', 'mountPath') || ZK['persistence.mountPath']]);
  const version = zkVersion(values);
  if (version) facts.set('zookeeperVersion', version);
  const doc = buildDocument({ path, text, format: 'helm-bitnami', values, builder: b, sinks, facts, anchor, role: 'zookeeper' });
  return { documents: [doc], problems };
}

/**
 * The ZooKeeper subchart of a Bitnami kafka release (`zookeeper:` in its values); when the key is not
 * written the subchart runs with its defaults, anchored on `fallback`.
 */
export function readZookeeperSubchart(path: string, text: string, parent: Values, key: string, fallback: Span): HelmRead {
  const sub = parent.sub(key) ?? new Values(text, parent.walker, new YAMLMap(), null, fallback);
  return readBitnamiZookeeper(path, text, sub, true);
}
