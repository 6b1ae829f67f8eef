import { isKnown } from '../server/src/model/values';
import type { ImageInfo } from '../server/src/model/images';
import { anchorFor } from '../server/src/model/anchors';
import { isBrokerLike } from '../server/src/model/document';
import { listItems, valueSubSpan } from '../server/src/model/listeners';
import type { KafkaDocument, Setting } from '../server/src/model/types';
import type { Rule, RuleContext } from '../server/src/engine/types';

/**
 * Fact key for the paths inside the container at which a volume or bind mount is mounted.
 *
 * Contract: `doc.facts.get(MOUNTED_PATHS_FACT)` is a `readonly string[]` of absolute container paths
 * (compose `volumes:` targets, Kubernetes `volumeMounts[].mountPath`), set by adapters that know them.
 * A data directory at or under one of them lives on that volume, not in the image's temp directory.
 */
export const MOUNTED_PATHS_FACT = 'mountedPaths';

/** Kafka's `log.dir` default (ServerLogConfigs / KafkaConfig, every version up to 4.x). */
const KAFKA_DEFAULT_LOG_DIR = '/tmp/kafka-logs';
const PLACEHOLDER = '<ENCRYPTED_VOLUME_PATH>';

/** Normalise an absolute POSIX path: collapse `//`, drop `.`, resolve `..`. Relative paths stay undefined. */
export function normalizePath(path: string): string | undefined {
  const p = path.trim();
  if (!p.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Whether an absolute path is inside a temporary directory (`/tmp`, `/var/tmp`, macOS `/private/tmp`). */
export function isTempPath(path: string): boolean {
  const n = normalizePath(path);
  if (!n) return false;
  return ['/tmp', '/var/tmp', '/private/tmp', '/private/var/tmp'].some((t) => n === t || n.startsWith(t + '/'));
}

function mountedPaths(doc: KafkaDocument): string[] {
  const fact = doc.facts.get(MOUNTED_PATHS_FACT);
  return Array.isArray(fact) ? fact.filter((p): p is string => typeof p === 'string') : [];
}

function onMountedVolume(doc: KafkaDocument, path: string): string | undefined {
  const n = normalizePath(path);
  if (!n) return undefined;
  for (const m of mountedPaths(doc)) {
    const mount = normalizePath(m);
    if (mount && (n === mount || n.startsWith(mount === '/' ? '/' : mount + '/'))) return mount;
  }
  return undefined;
}

const WHY = 'temporary directories are seldom on the encrypted, access-controlled data volume and may be wiped by the system.';

/** Report each temp-directory item of a path-list setting, with a fix that puts a placeholder in its place. */
function checkPaths(doc: KafkaDocument, ctx: RuleContext, setting: Setting, list: boolean): void {
  if (!isKnown(setting)) return;
  const items = list ? listItems(setting.value) : setting.value.trim() ? [{ text: setting.value.trim(), from: setting.value.indexOf(setting.value.trim()), to: 0 }] : [];
  if (!list && items[0]) items[0].to = items[0].from + items[0].text.length;
  items.forEach((item, n) => {
    if (!isTempPath(item.text)) return;
    // In a list, the placeholder names the item's position, so fixing one item never renames another.
    const placeholder = items.length > 1 ? PLACEHOLDER.replace('>', `_${n + 1}>`) : PLACEHOLDER;
    const mount = onMountedVolume(doc, item.text);
    ctx.report({
      span: valueSubSpan(doc, setting, item.from, item.to),
      severity: mount ? 'info' : undefined,
      message: mount
        ? `${setting.key} points into a temporary directory (${item.text}), but a volume is mounted at ${mount}; check that this volume is encrypted.`
        : `${setting.key} keeps data under ${item.text}: ${WHY}`,
      fix: {
        title: `Move ${setting.key} to a directory on the encrypted data volume (copy or reassign the existing data first)`,
        safety: 'suggestion',
        changes: [{ op: 'replace-in-value', key: setting.key, from: item.from, to: item.to, text: placeholder }],
      },
    });
  });
}

const rule: Rule = {
  meta: {
    id: 'log-dirs-in-tmp',
    checklist: 'FS',
    severity: 'warning',
    title: 'Kafka or ZooKeeper data is kept in a temporary directory',
    formats: ['properties', 'zookeeper', 'compose', 'helm-bitnami'],
    fix: 'suggestion',
  },
  check(doc, ctx) {
    if (doc.role === 'zookeeper') {
      for (const key of ['dataDir', 'dataLogDir']) {
        const s = doc.settings.get(key);
        if (s) checkPaths(doc, ctx, s, false);
      }
      return;
    }
    if (!isBrokerLike(doc)) return;
    // KafkaConfig.logDirs: log.dirs wins over log.dir; both are comma-separated lists.
    const dirs = doc.settings.get('log.dirs') ?? doc.settings.get('log.dir');
    if (dirs) {
      checkPaths(doc, ctx, dirs, true);
    } else if (!(doc.role === 'controller' && doc.settings.has('metadata.log.dir')) && !imageSetsLogDirs(doc)) {
      // A controller-only node with its own metadata.log.dir keeps nothing of value in log.dir.
      const anchorKeys = ['process.roles', 'node.id', 'broker.id', 'zookeeper.connect', 'listeners'];
      const anchorKey = anchorKeys.find((k) => doc.settings.has(k));
      const mount = onMountedVolume(doc, KAFKA_DEFAULT_LOG_DIR);
      ctx.report({
        span: anchorFor(doc, ...anchorKeys),
        severity: mount ? 'info' : undefined,
        message: mount
          ? `log.dirs is not set, so Kafka uses its default log.dir ${KAFKA_DEFAULT_LOG_DIR}, where a volume is mounted at ${mount}; check that this volume is encrypted.`
          : `log.dirs is not set, so Kafka keeps its data in the default log.dir ${KAFKA_DEFAULT_LOG_DIR}: ${WHY}`,
        fix: {
          title: 'Set log.dirs to a directory on the encrypted data volume',
          safety: 'suggestion',
          changes: [{ op: 'set', key: 'log.dirs', value: PLACEHOLDER, ...(anchorKey ? { after: anchorKey } : {}) }],
        },
      });
    }
    const metadata = doc.settings.get('metadata.log.dir');
    if (metadata) checkPaths(doc, ctx, metadata, false);
  },
};

/**
 * Images whose start-up writes their own log.dirs when none is given: cp-kafka's template
 * (/var/lib/kafka/data) and bitnami's scripts (/bitnami/kafka/data) [S31,S33].
 */
function imageSetsLogDirs(doc: KafkaDocument): boolean {
  const image = doc.facts.get('image') as ImageInfo | undefined;
  return !!image && (image.family === 'cp-kafka' || image.family === 'cp-connect' || image.family === 'bitnami');
}

export default rule;
