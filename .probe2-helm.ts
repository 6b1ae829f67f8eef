import { parseYaml, YamlWalker } from './server/src/parse/yaml';
import { Values } from './server/src/model/adapters/helm/values';
import { readFileSync } from 'node:fs';
const text = readFileSync('/work/shared/corpus/helm-values/bitnami-kafka-32.4.4__values.yaml','utf8');
const y = parseYaml(text); const d = y.documents[0]!; const w = new YamlWalker(d);
const v = new Values(text, w, w.resolve(d.contents)!, null);
const ref = v.at('controller','persistence','mountPath');
console.log(!!ref.pair, ref.node && (ref.node as any).value, ref.node?.range, text.slice(ref.node!.range![0]-40, ref.node!.range![1]));
