import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { BROKER, DOCS, positionOf } from './fixtures';
import { buildServer, LspClient, vscodeLikeCapabilities, type Json } from './lsp-client';

const URI = 'file:///work/cluster/server.properties';
const PATH = '/work/cluster/server.properties';
const CLIENT_URI = 'file:///work/apps/producer.properties';
const CLIENT = ['bootstrap.servers=kafka-1.internal:9093', 'security.protocol=SASL_SSL', ''].join('\n');
const RDK_URI = 'file:///work/apps/rdkafka.conf';
const RDK = ['metadata.broker.list=kafka-1.internal:9093', 'sasl.mechanisms=PLAIN', ''].join('\n');

describe('language server: hover and completion', () => {
  let client: LspClient;

  before(function () {
    this.timeout(60000);
    buildServer();
  });

  afterEach(async () => {
    await client?.stop().catch(() => undefined);
    client?.proc.kill();
  });

  async function start(options: { capabilities?: Json; initializationOptions?: Json; configuration?: Json } = {}): Promise<void> {
    client = LspClient.start();
    if (options.configuration) client.configuration = options.configuration;
    await client.initialize(options);
  }

  async function open(uri: string, text: string): Promise<Json[]> {
    client.open(uri, text);
    return client.diagnostics(uri, 1);
  }

  const hover = (uri: string, position: Json) => client.request('textDocument/hover', { textDocument: { uri }, position });
  const complete = (uri: string, position: Json) => client.request('textDocument/completion', { textDocument: { uri }, position });

  describe('hover', () => {
    it('on a finding: message, checklist section and tag, fixes, documentation link', async () => {
      await start();
      await open(URI, BROKER);
      const at = positionOf(BROKER, 'PLAINTEXT://');
      const h = await hover(URI, { line: at.line, character: at.character + 3 });
      const f = lintText(PATH, BROKER).findings.find((x) => x.ruleId === 'plaintext-listener')!;
      assert.equal(h.contents.kind, 'markdown');
      const md: string = h.contents.value;
      assert.ok(md.startsWith('**kafkalint Warning** `plaintext-listener`'), md);
      assert.ok(md.includes(f.message), md);
      assert.ok(md.includes('Checklist: Secure data in transit (TR)'), md);
      assert.ok(md.includes(`Suggested fix: ${f.fix!.title}`), md);
      assert.ok(md.includes(`(${DOCS}plaintext-listener.md)`), md);
      // The whole-line no-authorizer finding is there too, after the more specific one.
      assert.ok(md.indexOf('`no-authorizer`') > md.indexOf('`plaintext-listener`'));
      assert.deepEqual(h.range, f.range);
    });

    it('on a finding, in a client that shows pages itself, links to its command', async () => {
      await start({ initializationOptions: { debounceMs: 0, clientCommands: ['kafkalint.showDocumentation'] } });
      await open(URI, BROKER);
      const at = positionOf(BROKER, 'PLAINTEXT://');
      const h = await hover(URI, at);
      assert.ok(h.contents.value.includes(`(command:kafkalint.showDocumentation?${encodeURIComponent('["plaintext-listener"]')})`), h.contents.value);
    });

    it('on a broker key: type, default, update mode and checklist section', async () => {
      await start();
      await open(URI, BROKER);
      const h = await hover(URI, positionOf(BROKER, 'controller.listener.names'));
      const md: string = h.contents.value;
      assert.ok(md.startsWith('`controller.listener.names` (broker configuration, Kafka 4.1, version not detected)'), md);
      assert.ok(md.includes('Type: string · Default (Kafka 4.1): no default'), md);
      assert.ok(md.includes('Update mode: read-only'), md);
      assert.ok(md.includes('Security checklist: Secure data in transit (TR)'), md);
      const at = positionOf(BROKER, 'controller.listener.names');
      assert.deepEqual(h.range, { start: at, end: { line: at.line, character: at.character + 'controller.listener.names'.length } });
    });

    it('shows the default of the Kafka version in use (3.9 vs 4.1), and both when it is unknown', async () => {
      const text = `${BROKER}group.coordinator.threads=2\n`;
      const at = positionOf(text, 'group.coordinator.threads');
      await start();
      await open(URI, text);
      let md: string = (await hover(URI, at)).contents.value;
      assert.ok(md.includes('Default (Kafka 4.1): `4` · Kafka 3.9: `1`'), md);
      await client.stop();

      await start({ configuration: { kafkaVersion: '3.9' } });
      await open(URI, text);
      md = (await hover(URI, at)).contents.value;
      assert.ok(md.includes('(broker configuration, Kafka 3.9)'), md);
      assert.ok(md.includes('Default (Kafka 3.9): `1`'), md);
      assert.ok(!md.includes('Kafka 4.1'), md);
    });

    it('says when a key was removed in Kafka 4.0', async () => {
      const text = ['broker.id=0', 'zookeeper.connect=zk1:2181', 'listeners=SSL://:9093', ''].join('\n');
      await start({ configuration: { kafkaVersion: '4.1' } });
      await open(URI, text);
      const md: string = (await hover(URI, positionOf(text, 'zookeeper.connect'))).contents.value;
      assert.ok(md.includes('**Removed in Kafka 4.0**: this Kafka version no longer reads it.'), md);
      assert.ok(md.includes('Protect ZooKeeper (ZK)'), md);
    });

    it('on a prefixed key, explains the prefix; on a client key, lists valid values', async () => {
      const text = `${BROKER}listener.name.plaintext.ssl.client.auth=required\n`;
      await start();
      await open(URI, text);
      let md: string = (await hover(URI, positionOf(text, 'listener.name.plaintext.ssl'))).contents.value;
      assert.ok(md.includes('Prefix `listener.name.plaintext.` applied to `ssl.client.auth`'), md);
      assert.ok(md.includes('Valid values: required, requested, none'), md);
      assert.ok(md.includes('Administer ACLs and accounts (ACL)'), md);
      await open(CLIENT_URI, CLIENT);
      md = (await hover(CLIENT_URI, positionOf(CLIENT, 'security.protocol'))).contents.value;
      assert.ok(md.includes('`security.protocol` (producer configuration'), md);
      assert.ok(md.includes('Valid values: SASL_SSL, PLAINTEXT, SSL, SASL_PLAINTEXT'), md);
    });

    it('on a librdkafka property', async () => {
      await start();
      await open(RDK_URI, RDK);
      const md: string = (await hover(RDK_URI, positionOf(RDK, 'sasl.mechanisms'))).contents.value;
      assert.ok(md.includes('`sasl.mechanisms` (librdkafka global property'), md);
      assert.ok(md.includes('Default: `GSSAPI`'), md);
    });

    it('plain text for clients without Markdown', async () => {
      const caps = vscodeLikeCapabilities();
      caps.textDocument.hover.contentFormat = ['plaintext'];
      await start({ capabilities: caps });
      await open(URI, BROKER);
      const h = await hover(URI, positionOf(BROKER, 'PLAINTEXT://'));
      assert.equal(h.contents.kind, 'plaintext');
      assert.ok(h.contents.value.startsWith('kafkalint Warning plaintext-listener\n'), h.contents.value);
      assert.ok(h.contents.value.includes(`Documentation for plaintext-listener: ${DOCS}plaintext-listener.md`));
    });

    it('null where there is nothing to say', async () => {
      await start();
      await open(URI, BROKER);
      assert.equal(await hover(URI, { line: 0, character: 3 }), null);
      assert.equal(await hover('file:///not/open.properties', { line: 0, character: 0 }), null);
    });
  });

  describe('completion', () => {
    it('broker keys at the start of a line in a broker file, minus the keys already set', async () => {
      const text = `${BROKER}auth`;
      await start();
      await open(URI, text);
      const line = positionOf(text, 'auth').line;
      assert.equal(line, 7);
      const list = await complete(URI, { line, character: 4 });
      const labels: string[] = list.items.map((i: Json) => i.label);
      assert.ok(labels.includes('authorizer.class.name'));
      assert.ok(labels.includes('ssl.client.auth'));
      assert.ok(!labels.includes('bootstrap.servers'), 'client key in a broker file');
      assert.ok(!labels.includes('node.id'), 'already set');
      const item = list.items.find((i: Json) => i.label === 'authorizer.class.name');
      assert.deepEqual(item.textEdit, { range: { start: { line, character: 0 }, end: { line, character: 4 } }, newText: 'authorizer.class.name=' });
      assert.equal(item.documentation.value, 'Security checklist: Administer ACLs and accounts (ACL)');
    });

    it('client keys in a client file, librdkafka keys in a librdkafka file', async () => {
      await start();
      await open(CLIENT_URI, CLIENT);
      let labels: string[] = (await complete(CLIENT_URI, { line: 2, character: 0 })).items.map((i: Json) => i.label);
      assert.ok(labels.includes('sasl.mechanism'));
      assert.ok(labels.includes('ssl.endpoint.identification.algorithm'));
      assert.ok(!labels.includes('authorizer.class.name'));
      await open(RDK_URI, RDK);
      labels = (await complete(RDK_URI, { line: 2, character: 0 })).items.map((i: Json) => i.label);
      assert.ok(labels.includes('ssl.ca.location'));
      assert.ok(labels.includes('enable.ssl.certificate.verification'));
      assert.ok(!labels.includes('sasl.mechanisms'), 'already set');
      assert.ok(!labels.includes('authorizer.class.name'));
    });

    it('values after = for security.protocol, sasl.mechanism and ssl.client.auth', async () => {
      const client1 = `${CLIENT}security.protocol=\nsasl.mechanism=SC\n`;
      await start();
      await open(CLIENT_URI, client1);
      let list = await complete(CLIENT_URI, { line: 2, character: 'security.protocol='.length });
      assert.deepEqual(
        list.items.map((i: Json) => i.label),
        ['SASL_SSL', 'PLAINTEXT', 'SSL', 'SASL_PLAINTEXT'],
      );
      assert.equal(list.items[0].detail, 'TLS encryption and SASL authentication');
      assert.deepEqual(list.items[0].textEdit.range, { start: { line: 2, character: 18 }, end: { line: 2, character: 18 } });
      list = await complete(CLIENT_URI, { line: 3, character: 'sasl.mechanism=SC'.length });
      const scram = list.items.find((i: Json) => i.label === 'SCRAM-SHA-512');
      assert.deepEqual(scram.textEdit, { range: { start: { line: 3, character: 15 }, end: { line: 3, character: 17 } }, newText: 'SCRAM-SHA-512' });

      const broker = `${BROKER}listener.name.plaintext.ssl.client.auth=\nsasl.enabled.mechanisms=PLAIN, \n`;
      await open(URI, broker);
      list = await complete(URI, { line: 7, character: 'listener.name.plaintext.ssl.client.auth='.length });
      assert.deepEqual(
        list.items.map((i: Json) => i.label),
        ['required', 'requested', 'none'],
      );
      list = await complete(URI, { line: 8, character: 'sasl.enabled.mechanisms=PLAIN, '.length });
      const labels = list.items.map((i: Json) => i.label);
      assert.ok(labels.includes('SCRAM-SHA-512') && !labels.includes('PLAIN'), labels.join(','));
      assert.deepEqual(list.items[0].textEdit.range, { start: { line: 8, character: 31 }, end: { line: 8, character: 31 } });
    });

    it('librdkafka values are the lower-case enums of librdkafka', async () => {
      const text = `${RDK}security.protocol=\n`;
      await start();
      await open(RDK_URI, text);
      const list = await complete(RDK_URI, { line: 2, character: 'security.protocol='.length });
      assert.deepEqual(
        list.items.map((i: Json) => i.label),
        ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'],
      );
    });

    it('nothing in comments or continuation lines', async () => {
      const text = `${BROKER}# a comment\nsuper.users=User:admin;\\\n  User:\n`;
      await start();
      await open(URI, text);
      assert.equal(await complete(URI, { line: 7, character: 5 }), null);
      assert.equal(await complete(URI, { line: 9, character: 3 }), null);
      assert.notEqual(await complete(URI, { line: 10, character: 0 }), null);
    });
  });

  it('tolerates documents that are not in properties syntax', async () => {
    const uri = 'file:///work/compose/docker-compose.yml';
    const yaml = ['services:', '  kafka:', '    image: apache/kafka:3.9.0', '    environment:', '      KAFKA_LISTENERS: PLAINTEXT://:9092', ''].join('\n');
    await start();
    await open(uri, yaml);
    const c = await complete(uri, { line: 4, character: 8 });
    assert.ok(c === null || Array.isArray(c.items));
    const h = await hover(uri, { line: 4, character: 8 });
    assert.ok(h === null || typeof h.contents.value === 'string');
    await hover(uri, { line: 99, character: 99 });
    // The compose reader maps KAFKA_LISTENERS to the broker key it stands for.
    if (h && h.contents.value.includes('`listeners` (broker configuration')) assert.ok(h.contents.value.includes('Set through `KAFKA_LISTENERS`'), h.contents.value);
  });
});
