import { ruleTester } from '../rule-tester';

ruleTester('weak-tls-protocol', {
  valid: [
    { name: 'TLS 1.3 and 1.2 only', text: 'broker.id=1\nlisteners=SSL://:9093\nssl.enabled.protocols=TLSv1.3,TLSv1.2\nssl.protocol=TLSv1.3\n' },
    { name: 'defaults on a current Kafka', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\n' },
    {
      name: 'top-level value overridden by every TLS listener is not in effect',
      text: 'broker.id=1\nlisteners=SSL://:9093\nssl.enabled.protocols=TLSv1.1\nlistener.name.ssl.ssl.enabled.protocols=TLSv1.3,TLSv1.2\n',
    },
    { name: 'ssl.protocol=TLS next to an explicit list is fine', path: 'client.properties', text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.protocol=TLS\nssl.enabled.protocols=TLSv1.3\n' },
    { name: 'Kafka 2.5 already defaults to TLSv1.2 only', text: 'broker.id=1\nlisteners=SSL://:9093\n', options: { kafkaVersion: '2.5' } },
    { name: 'Kafka 2.4 PLAINTEXT-only broker has no TLS to weaken', text: 'broker.id=1\nlisteners=PLAINTEXT://:9092\n', options: { kafkaVersion: '2.4' } },
    { name: 'zoo.cfg with TLS 1.2 and 1.3', path: 'zoo.cfg', text: 'dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.enabledProtocols=TLSv1.3,TLSv1.2\nssl.quorum.protocol=TLSv1.2\n' },
    { name: 'template value is not judged', text: 'broker.id=1\nlisteners=SSL://:9093\nssl.enabled.protocols={{ tls_version }}\n' },
  ],
  invalid: [
    {
      name: 'each weak item of the list is reported; SSLv3 context is an error',
      text: 'broker.id=1\nlisteners=SSL://:9093\nssl.enabled.protocols=TLSv1.2,TLSv1.1,TLSv1\nssl.protocol=SSLv3\n',
      findings: [
        { line: 3, column: 31, endLine: 3, endColumn: 38, severity: 'warning', messageIncludes: 'TLSv1.1' },
        { line: 3, column: 39, endLine: 3, endColumn: 44, severity: 'warning' },
        { line: 4, column: 14, endLine: 4, endColumn: 19, severity: 'error', messageIncludes: 'ssl.protocol' },
      ],
      fixSafety: 'suggestion',
      output: 'broker.id=1\nlisteners=SSL://:9093\nssl.enabled.protocols=TLSv1.3,TLSv1.2\nssl.protocol=TLSv1.3\n',
      suggestionOutputs: ['broker.id=1\nlisteners=SSL://:9093\nssl.enabled.protocols=TLSv1.2\nssl.protocol=SSLv3\n'],
    },
    {
      name: 'SSLv3 in a listener-prefixed list is an error (CRLF kept)',
      text: 'broker.id=1\r\nlisteners=SSL://:9093\r\nlistener.name.ssl.ssl.enabled.protocols=SSLv3,TLSv1.2\r\n',
      findings: [{ line: 3, column: 41, endLine: 3, endColumn: 46, severity: 'error' }],
      output: 'broker.id=1\r\nlisteners=SSL://:9093\r\nlistener.name.ssl.ssl.enabled.protocols=TLSv1.3,TLSv1.2\r\n',
    },
    {
      name: 'ZooKeeper client TLS on a broker',
      text: 'broker.id=1\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.ssl.protocol=TLSv1.1\n',
      findings: [{ line: 4, column: 24, endLine: 4, endColumn: 31, severity: 'warning' }],
      output: 'broker.id=1\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.ssl.protocol=TLSv1.3\n',
      suggestionOutputs: ['broker.id=1\nzookeeper.connect=zk:2182\nzookeeper.ssl.client.enable=true\nzookeeper.ssl.protocol=TLSv1.2\n'],
    },
    {
      name: 'Connect task producer prefix, list on a continuation line (rewritten as one value)',
      path: 'connect-distributed.properties',
      text: 'bootstrap.servers=kafka:9093\ngroup.id=connect\nconfig.storage.topic=connect-configs\nproducer.ssl.enabled.protocols=TLSv1.2,\\\n    TLSv1.1\n',
      findings: [{ line: 4, column: 32, endLine: 5, endColumn: 12, severity: 'warning', messageIncludes: 'producer.ssl.enabled.protocols' }],
      output: 'bootstrap.servers=kafka:9093\ngroup.id=connect\nconfig.storage.topic=connect-configs\nproducer.ssl.enabled.protocols=TLSv1.3,TLSv1.2\n',
    },
    {
      name: 'ssl.protocol=TLS without a version list is info',
      path: 'client.properties',
      text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.protocol=TLS\n',
      findings: [{ line: 3, column: 14, endLine: 3, endColumn: 17, severity: 'info' }],
      output: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SSL\nssl.protocol=TLSv1.3\n',
    },
    {
      name: 'Kafka 2.4 broker: the default list still allows TLS 1.0 and 1.1 on the TLS listener',
      text: 'broker.id=1\nlisteners=PLAINTEXT://:9092,SSL://:9093\n',
      options: { kafkaVersion: '2.4' },
      findings: [{ line: 2, column: 29, endLine: 2, endColumn: 40, severity: 'warning' }],
      output: 'broker.id=1\nlisteners=PLAINTEXT://:9092,SSL://:9093\nssl.enabled.protocols=TLSv1.2\n',
    },
    {
      name: 'Kafka 2.3 client using SASL_SSL without a list; a written weak value gets a TLSv1.2-only fix',
      path: 'client.properties',
      options: { kafkaVersion: '2.3' },
      text: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SASL_SSL\nssl.protocol=TLSv1.1\n',
      findings: [
        { line: 2, column: 19, endLine: 2, endColumn: 27, severity: 'warning' },
        { line: 3, column: 14, endLine: 3, endColumn: 21, severity: 'warning' },
      ],
      output: 'bootstrap.servers=kafka:9093\nsecurity.protocol=SASL_SSL\nssl.enabled.protocols=TLSv1.2\nssl.protocol=TLSv1.2\n',
    },
    {
      name: 'zoo.cfg: quorum list and client context (escaped value)',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.quorum.enabledProtocols=TLSv1.1\nssl.protocol=TLS\\u00761\n',
      findings: [
        { line: 3, column: 29, endLine: 3, endColumn: 36, severity: 'warning', messageIncludes: 'ssl.quorum.enabledProtocols' },
        { line: 4, column: 14, endLine: 4, endColumn: 24, severity: 'warning' },
      ],
      output: 'dataDir=/var/lib/zk\nsecureClientPort=2182\nssl.quorum.enabledProtocols=TLSv1.3,TLSv1.2\nssl.protocol=TLSv1.3\n',
    },
  ],
});
