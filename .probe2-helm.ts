import { lintText } from './server/src/engine/lint';
import { readFileSync } from 'node:fs';
for (const f of ['helm-values/bitnami-kafka-32.4.4__values.yaml','helm-values/bitnami-kafka-20.0.4__values.yaml','helm-values/cp-helm-charts-cp-kafka__values.yaml']) {
const r = lintText(f, readFileSync('/work/shared/corpus/'+f,'utf8'));
for (const k of ['listeners','advertised.listeners','listener.security.protocol.map','controller.listener.names','inter.broker.listener.name','security.inter.broker.protocol','control.plane.listener.name']) console.log(f.slice(12,30), k, r.documents[0]!.settings.get(k)?.state);
}
