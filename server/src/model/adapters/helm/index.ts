/**
 * Helm values files (RULES.md §B.4, §B.5): recognised by their name (`values*.yaml`, `*-values.yaml`,
 * `*__values.yaml`…) plus the shape of a chart kafkalint knows, at the top level or under an
 * umbrella chart's sub-key (`kafka:`, `cp-kafka:`, `zookeeper:`). Compose files and Kubernetes
 * resources are never claimed.
 */
import { isMap, type Document } from 'yaml';
import { parseYaml, scalarText, YamlWalker, type YamlNode } from '../../../parse/yaml';
import type { ChartHint } from '../../charts';
import type { KafkaVersion } from '../../types';
import { isBitnamiKafkaValues, readBitnamiKafka } from './bitnami';
import type { HelmRead } from './common';
import { isCpKafkaValues, isIncubatorKafkaValues, readCpKafka } from './confluent';
import { Values } from './values';
import { isBitnamiZookeeperValues, readBitnamiZookeeper } from './zookeeper';

export { CHART_FACT, PUBLISHED_PORTS_FACT, type HelmChartFact } from './common';
export { CP_OVERRIDES_FACT, overrideEnvName, type CpOverride } from './confluent';

/** What the caller knows about the chart from files next to the values file. */
export interface HelmHints {
  chart?: ChartHint;
}

/** File names of Helm values files: `values.yaml`, `values-prod.yml`, `prod.values.yaml`, `kafka-values.yaml`, `x__values.yaml`. */
const VALUES_NAME = /(^|[._-])values([._-][^/\\]*)?\.ya?ml$/i;

export function isValuesFileName(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? path;
  return VALUES_NAME.test(base);
}

type Chart = 'bitnami-kafka' | 'cp-kafka' | 'incubator-kafka' | 'bitnami-zookeeper';

/** The chart a values root belongs to, if kafkalint knows it. */
function chartOf(values: Values, allowZookeeper: boolean): Chart | undefined {
  if (isIncubatorKafkaValues(values)) return 'incubator-kafka';
  if (isCpKafkaValues(values)) return 'cp-kafka';
  if (isBitnamiKafkaValues(values)) return 'bitnami-kafka';
  if (allowZookeeper && isBitnamiZookeeperValues(values)) return 'bitnami-zookeeper';
  return undefined;
}

/** Umbrella sub-keys that hold a known chart's values (the dependency's name or alias). */
function umbrellaRoots(walker: YamlWalker, text: string, root: YamlNode, hints?: HelmHints): Array<{ values: Values; chart: Chart }> {
  const out: Array<{ values: Values; chart: Chart }> = [];
  const aliases = new Set(['kafka', 'cp-kafka', 'zookeeper']);
  for (const d of hints?.chart?.dependencies ?? []) if (/kafka|zookeeper/.test(d.name)) aliases.add(d.alias ?? d.name);
  for (const e of walker.entries(root)) {
    if (!aliases.has(e.key) || !e.value || !isMap(e.value)) continue;
    const values = new Values(text, walker, e.value, e.keyNode);
    if (walker.get(e.value, 'enabled') && scalarText(walker.get(e.value, 'enabled')) === 'false') continue;
    const chart = chartOf(values, true);
    if (chart) out.push({ values, chart });
  }
  return out;
}

/** A Kubernetes resource (has apiVersion and kind), not values. */
function isK8sResource(walker: YamlWalker, root: YamlNode): boolean {
  return !!walker.get(root, 'apiVersion') && !!walker.get(root, 'kind');
}

/** Whether a YAML document of this file is Helm values of a chart kafkalint reads. */
export function isHelmValuesDocument(path: string, walker: YamlWalker, root: unknown, text = ''): boolean {
  if (!isValuesFileName(path)) return false;
  const node = walker.resolve(root);
  if (!node || !isMap(node) || isK8sResource(walker, node)) return false;
  if (walker.get(node, 'services') && isMap(walker.get(node, 'services'))) return false;
  const values = new Values(text, walker, node, null);
  return !!chartOf(values, true) || umbrellaRoots(walker, text, node).length > 0;
}

function readRoot(path: string, text: string, values: Values, chart: Chart, version: KafkaVersion | undefined, hints?: HelmHints): HelmRead {
  switch (chart) {
    case 'bitnami-kafka':
      return readBitnamiKafka(path, text, values, version, hints?.chart);
    case 'cp-kafka':
      return readCpKafka(path, text, values, version, 'cp-helm-charts');
    case 'incubator-kafka':
      return readCpKafka(path, text, values, version, 'incubator');
    case 'bitnami-zookeeper':
      return readBitnamiZookeeper(path, text, values, false);
  }
}

/** Read the Helm values of one YAML document into Kafka and ZooKeeper documents. */
export function readHelmValues(path: string, text: string, doc: Document.Parsed, walker: YamlWalker, version?: KafkaVersion, hints?: HelmHints): HelmRead {
  const root = walker.resolve(doc.contents);
  const out: HelmRead = { documents: [], problems: [] };
  if (!root || !isMap(root)) return out;
  const top = new Values(text, walker, root, null);
  const chart = chartOf(top, true);
  const roots = chart ? [{ values: top, chart }] : umbrellaRoots(walker, text, root, hints);
  for (const r of roots) {
    const read = readRoot(path, text, r.values, r.chart, version, hints);
    out.documents.push(...read.documents);
    out.problems.push(...read.problems);
  }
  return out;
}

/**
 * A chart hint from the text of a sibling `Chart.yaml` and/or `Chart.lock` (pure: the caller reads
 * the files). `Chart.lock` pins dependency versions; `Chart.yaml` names the chart and its appVersion.
 */
export function chartHintFromFiles(chartYaml?: string, chartLock?: string): ChartHint | undefined {
  const read = (t: string | undefined) => {
    if (!t) return undefined;
    const y = parseYaml(t);
    const d = y.documents[0];
    if (!d || y.errors.length) return undefined;
    const w = new YamlWalker(d);
    return { w, root: w.resolve(d.contents) };
  };
  const deps = (r: ReturnType<typeof read>) =>
    r
      ? r.w.items(r.w.get(r.root, 'dependencies')).map((n) => {
          const dep: { name: string; version?: string; alias?: string; repository?: string } = { name: scalarText(r.w.get(n, 'name')) ?? '' };
          const v = scalarText(r.w.get(n, 'version'));
          const a = scalarText(r.w.get(n, 'alias'));
          const repo = scalarText(r.w.get(n, 'repository'));
          if (v) dep.version = v;
          if (a) dep.alias = a;
          if (repo) dep.repository = repo;
          return dep;
        })
      : [];
  const chart = read(chartYaml);
  const lock = read(chartLock);
  if (!chart && !lock) return undefined;
  const hint: ChartHint = { name: (chart && scalarText(chart.w.get(chart.root, 'name'))) ?? '', source: lock ? 'Chart.lock' : 'Chart.yaml' };
  const version = chart ? scalarText(chart.w.get(chart.root, 'version')) : undefined;
  const app = chart ? scalarText(chart.w.get(chart.root, 'appVersion')) : undefined;
  if (version) hint.version = version;
  if (app) hint.appVersion = app;
  // Locked versions win over the ranges of Chart.yaml.
  const locked = deps(lock);
  const declared = deps(chart);
  const merged = declared.map((d) => ({ ...d, ...(locked.find((l) => l.name === d.name)?.version ? { version: locked.find((l) => l.name === d.name)!.version } : {}) }));
  for (const l of locked) if (!merged.some((d) => d.name === l.name)) merged.push(l);
  if (merged.length) hint.dependencies = merged;
  if (!lock && chart && declared.length) hint.source = 'Chart.yaml';
  return hint;
}
