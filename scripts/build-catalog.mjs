// Builds server/src/model/catalog/catalog.json, the compact Kafka / librdkafka config catalog
// bundled into the product, from the facts-only catalog in ../shared/kafka-catalog.
//
// Usage:
//   npm run catalog                      (package.json: "catalog": "node scripts/build-catalog.mjs")
//   node scripts/build-catalog.mjs [--from <dir>] [--out <file>] [--check]
//
//   --from <dir>   catalog folder holding kafka-3.9.json, kafka-4.1.json, librdkafka.json and
//                  removed-in-4.0.json (default: <repository root>/../shared/kafka-catalog)
//   --out <file>   output file (default: server/src/model/catalog/catalog.json)
//   --check        do not write; exit 1 when the output file differs from what would be generated
//
// The output is deterministic (no timestamps, sorted object keys with the name first, records
// sorted by name) and has one record per line so that diffs stay readable. Only facts are kept,
// no descriptions.
//
// Output shape (read by server/src/model/catalog/index.ts):
//   { format: 1, kafkaVersions: ["3.9","4.1"], librdkafkaVersion, kafka: [K...], librdkafka: [L...] }
//   K (one record per key name and set of component groups sharing identical facts):
//     n name · c component groups · v only version having the key (absent = both) · t type
//     d default (absent = no default; "" = empty string) · req required (1)
//     e enum values · ci enum is case-insensitive (1) · min / max / aa range and extra allowed values
//     i importance h|m|l · u broker update mode r(ead-only)|p(er-broker)|c(luster-wide)
//     dep deprecated (1) · rm "4.0" (removed by 4.1) · sd topic: broker key supplying the default
//     sup supplementary non-ConfigDef key (1) · as version(s) assumed to have the key because its
//     table was not available there · "3.9": {fields that differ in 3.9, null = absent in 3.9}
//   L: n name · l t(opic) when topic-level (absent = global) · s c|p (absent = both) · t type
//     d default · e enum values · min / max · al alias target · dep deprecated (1)
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = { from: process.env.KAFKALINT_SHARED ? resolve(process.env.KAFKALINT_SHARED, 'kafka-catalog') : resolve(root, '..', 'shared', 'kafka-catalog'), out: join(root, 'server/src/model/catalog/catalog.json'), check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--from' || a === '--out') {
      const v = argv[++i];
      if (!v) fail(`${a} needs a value`);
      args[a.slice(2)] = resolve(v);
    } else if (a === '--check') args.check = true;
    else fail(`unknown argument: ${a}`);
  }
  return args;
}

function fail(message) {
  process.stderr.write(`build-catalog: ${message}\n`);
  process.exit(2);
}

const SOURCE_FILES = ['kafka-3.9.json', 'kafka-4.1.json', 'librdkafka.json', 'removed-in-4.0.json'];

function readSources(dir) {
  if (!existsSync(dir)) {
    fail(`catalog folder not found: ${dir}\n  (expected the shared Kafka catalog; pass --from <dir> to point at it)`);
  }
  const missing = SOURCE_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) fail(`missing in ${dir}: ${missing.join(', ')}`);
  const load = (f) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return { k39: load('kafka-3.9.json'), k41: load('kafka-4.1.json'), rdk: load('librdkafka.json'), removed: load('removed-in-4.0.json') };
}

/** Component groups in output order, and the source tables folded into each (first wins on conflicts only where allowed). */
const GROUPS = ['broker', 'topic', 'producer', 'consumer', 'admin', 'connect', 'connector', 'streams', 'mirrormaker'];
const TABLE_TO_GROUP = {
  broker: 'broker',
  'remote-log-manager': 'broker', // subset of the broker table (there with the update mode): broker entry wins
  'remote-log-metadata-manager': 'broker',
  'broker-authorizer': 'broker', // supplementary authorizer keys
  topic: 'topic',
  producer: 'producer',
  consumer: 'consumer',
  admin: 'admin',
  connect: 'connect',
  'connect-source-connector': 'connector',
  'connect-sink-connector': 'connector',
  streams: 'streams',
  mirrormaker: 'mirrormaker',
  'mirrormaker-source': 'mirrormaker',
  'mirrormaker-checkpoint': 'mirrormaker',
  'mirrormaker-heartbeat': 'mirrormaker',
};
/** Tables whose facts may lose against another table of the same group without being an error. */
const SUBORDINATE_TABLES = new Set(['remote-log-manager']);
/** Tables deliberately not in the product catalog. */
const IGNORED_TABLES = new Set(['group', 'config-provider-directory', 'config-provider-envvar', 'config-provider-file']);

const IMPORTANCE = { high: 'h', medium: 'm', low: 'l' };
const UPDATE_MODE = { 'read-only': 'r', 'per-broker': 'p', 'cluster-wide': 'c' };

function toNumber(s, what) {
  if (s === null || s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) throw new Error(`${what}: range bound ${s} is not a safe number`);
  return n;
}

/** The compact facts of one Kafka config entry (no name, components or versions). */
function kafkaFacts(c, ctx) {
  const f = { t: c.type };
  if (c.default !== null && c.default !== undefined) f.d = c.default === '""' ? '' : c.default;
  if (c.required) f.req = 1;
  const vp = c.validValuesParsed;
  if (vp?.kind === 'enum') {
    f.e = [...vp.values];
    if (vp.caseInsensitive) f.ci = 1;
  } else if (vp?.kind === 'range') {
    const min = toNumber(vp.min, `${ctx} ${c.name}`);
    const max = toNumber(vp.max, `${ctx} ${c.name}`);
    if (min !== undefined) f.min = min;
    if (max !== undefined) f.max = max;
    if (vp.alsoAllowed?.length) f.aa = vp.alsoAllowed.map((x) => toNumber(x, `${ctx} ${c.name}`));
  }
  if (c.importance) {
    if (!IMPORTANCE[c.importance]) throw new Error(`${ctx} ${c.name}: unknown importance ${c.importance}`);
    f.i = IMPORTANCE[c.importance];
  }
  if (c.updateMode) {
    if (!UPDATE_MODE[c.updateMode]) throw new Error(`${ctx} ${c.name}: unknown update mode ${c.updateMode}`);
    f.u = UPDATE_MODE[c.updateMode];
  }
  if (c.deprecated) f.dep = 1;
  if (c.serverDefaultProperty) f.sd = c.serverDefaultProperty;
  return f;
}

/** Record keys first in this order, then the rest alphabetically. */
const LEADING_KEYS = ['n', 'c'];
function keyOrder(a, b) {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? LEADING_KEYS.length : ia) - (ib === -1 ? LEADING_KEYS.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical JSON with recursively sorted object keys (name first; arrays keep their order). */
function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort(keyOrder)
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** group -> name -> facts for one Kafka version. */
function groupTables(cat, version) {
  const out = new Map(GROUPS.map((g) => [g, new Map()]));
  const origin = new Map(); // `${group}\0${name}` -> table
  const entries = [
    ...cat.configs.map((c) => ({ c, supplementary: false })),
    ...(cat.supplementary ?? []).map((c) => ({ c, supplementary: true })),
  ];
  // Primary tables first so that a subordinate table never shadows them.
  const ordered = [];
  for (const { c, supplementary } of entries) {
    for (const table of c.components) ordered.push({ c, table, supplementary });
  }
  ordered.sort((a, b) => Number(SUBORDINATE_TABLES.has(a.table)) - Number(SUBORDINATE_TABLES.has(b.table)));
  for (const { c, table, supplementary } of ordered) {
    if (IGNORED_TABLES.has(table)) continue;
    const group = TABLE_TO_GROUP[table];
    if (!group) throw new Error(`kafka-${version}: unknown component table '${table}' (${c.name}); map it in TABLE_TO_GROUP or IGNORED_TABLES`);
    const facts = kafkaFacts(c, `kafka-${version}`);
    if (supplementary) facts.sup = 1;
    const names = out.get(group);
    const key = `${group}\0${c.name}`;
    const prev = names.get(c.name);
    if (prev) {
      if (canon(prev) === canon(facts)) continue;
      if (SUBORDINATE_TABLES.has(table)) continue; // e.g. remote-log-manager copy without updateMode
      throw new Error(`kafka-${version}: '${c.name}' differs between tables ${origin.get(key)} and ${table} of group ${group}`);
    }
    names.set(c.name, facts);
    origin.set(key, table);
  }
  return out;
}

function buildKafka(k39, k41, removed) {
  const g39 = groupTables(k39, '3.9');
  const g41 = groupTables(k41, '4.1');

  // Tables absent from the 4.1 source: their 3.9 keys are assumed to exist in 4.1 too.
  const tables41 = new Set(Object.keys(k41.tables));
  const assumed41 = new Set(); // `${group}\0${name}`
  for (const c of k39.configs) {
    for (const table of c.components) {
      if (IGNORED_TABLES.has(table) || tables41.has(table)) continue;
      const group = TABLE_TO_GROUP[table];
      if (group && !g41.get(group).has(c.name)) assumed41.add(`${group}\0${c.name}`);
    }
  }

  // removed-in-4.0.json: broker removals + per-table removals in other components.
  const removedKeys = new Set(removed.removed.map((r) => `broker\0${r.name}`));
  for (const [table, names] of Object.entries(removed.removedInOtherComponents ?? {})) {
    const group = TABLE_TO_GROUP[table];
    if (!group) throw new Error(`removed-in-4.0: unknown component '${table}'`);
    for (const n of names) removedKeys.add(`${group}\0${n}`);
  }
  for (const key of removedKeys) {
    const [group, name] = key.split('\0');
    if (!g39.get(group).has(name) || g41.get(group).has(name)) {
      throw new Error(`removed-in-4.0 lists ${group} '${name}' but it is not 3.9-only in the catalogs`);
    }
  }

  const records = [];
  for (const group of GROUPS) {
    const a = g39.get(group);
    const b = g41.get(group);
    for (const name of new Set([...a.keys(), ...b.keys()])) {
      const f39 = a.get(name);
      const f41 = b.get(name);
      let rec;
      if (f39 && f41) {
        rec = { ...f41 };
        const diff = {};
        for (const k of new Set([...Object.keys(f39), ...Object.keys(f41)])) {
          if (canon(f39[k]) !== canon(f41[k])) diff[k] = f39[k] === undefined ? null : f39[k];
        }
        if (Object.keys(diff).length) rec['3.9'] = diff;
      } else if (f39) {
        rec = { ...f39, v: '3.9' };
        const key = `${group}\0${name}`;
        if (removedKeys.has(key)) rec.rm = '4.0';
        if (assumed41.has(key)) rec.as = '4.1';
      } else {
        rec = { ...f41, v: '4.1' };
      }
      records.push({ group, name, rec });
    }
  }

  // Merge identical records of several groups into one record.
  const merged = new Map();
  for (const { group, name, rec } of records) {
    const key = `${name}\0${canon(rec)}`;
    const m = merged.get(key);
    if (m) m.c.push(group);
    else merged.set(key, { n: name, c: [group], ...rec });
  }
  const order = (g) => GROUPS.indexOf(g);
  return [...merged.values()]
    .map((r) => ({ ...r, c: r.c.sort((x, y) => order(x) - order(y)) }))
    .sort((x, y) => (x.n < y.n ? -1 : x.n > y.n ? 1 : order(x.c[0]) - order(y.c[0])));
}

function buildLibrdkafka(rdk, warnings) {
  const out = [];
  for (const p of rdk.configs) {
    const r = { n: p.name, t: p.type };
    if (p.level === 'topic') r.l = 't';
    else if (p.level !== 'global') throw new Error(`librdkafka ${p.name}: unknown level ${p.level}`);
    if (p.scope === 'consumer') r.s = 'c';
    else if (p.scope === 'producer') r.s = 'p';
    else if (p.scope !== 'both') throw new Error(`librdkafka ${p.name}: unknown scope ${p.scope}`);
    let def = p.default;
    if (p.importance && !['high', 'medium', 'low'].includes(p.importance)) {
      // A table cell with escaped pipes (`\|`) was split in the source: the default is truncated
      // and the importance column holds the rest. Drop the damaged default rather than ship it.
      warnings.push(`librdkafka ${p.name}: damaged row (importance ${JSON.stringify(p.importance)}), default dropped`);
      def = null;
    }
    if (def !== null && def !== undefined) r.d = def;
    const rp = p.rangeParsed;
    if (rp?.kind === 'enum') r.e = [...rp.values];
    else if (rp?.kind === 'range') {
      const min = toNumber(rp.min, `librdkafka ${p.name}`);
      const max = toNumber(rp.max, `librdkafka ${p.name}`);
      if (min !== undefined) r.min = min;
      if (max !== undefined) r.max = max;
    }
    if (p.aliasOf) r.al = p.aliasOf;
    if (p.deprecated) r.dep = 1;
    out.push(r);
  }
  const seen = new Set();
  for (const r of out) {
    const k = `${r.n}\0${r.l ?? 'g'}`;
    if (seen.has(k)) throw new Error(`librdkafka: duplicate ${r.n} at the same level`);
    seen.add(k);
  }
  return out.sort((x, y) => (x.n < y.n ? -1 : x.n > y.n ? 1 : (x.l ?? '') < (y.l ?? '') ? -1 : 1));
}

function serialize(cat) {
  const lines = (rs) => rs.map((r) => canon(r)).join(',\n');
  return (
    `{"format":${cat.format},"kafkaVersions":${canon(cat.kafkaVersions)},"librdkafkaVersion":${canon(cat.librdkafkaVersion)},\n` +
    `"kafka":[\n${lines(cat.kafka)}\n],\n` +
    `"librdkafka":[\n${lines(cat.librdkafka)}\n]}\n`
  );
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { k39, k41, rdk, removed } = readSources(args.from);
  if (k39.version !== '3.9' || k41.version !== '4.1') fail(`unexpected catalog versions ${k39.version} / ${k41.version}`);
  const warnings = [];
  let text;
  try {
    const cat = {
      format: 1,
      kafkaVersions: ['3.9', '4.1'],
      librdkafkaVersion: rdk.version,
      kafka: buildKafka(k39, k41, removed),
      librdkafka: buildLibrdkafka(rdk, warnings),
    };
    text = serialize(cat);
    JSON.parse(text); // sanity
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  for (const w of warnings) process.stderr.write(`build-catalog: warning: ${w}\n`);
  if (args.check) {
    const current = existsSync(args.out) ? readFileSync(args.out, 'utf8') : null;
    if (current !== text) {
      process.stderr.write(`build-catalog: ${args.out} is out of date; run npm run catalog\n`);
      process.exit(1);
    }
    return;
  }
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, text);
  process.stdout.write(`build-catalog: wrote ${args.out} (${Buffer.byteLength(text)} bytes)\n`);
}

main();
