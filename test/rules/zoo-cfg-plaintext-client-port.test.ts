import { ruleTester } from '../rule-tester';

const NETTY = 'serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory';
const STORES = 'ssl.keyStore.location=<PATH_TO_KEYSTORE>\nssl.keyStore.passwordPath=<PATH_TO_KEYSTORE_PASSWORD_FILE>\nssl.trustStore.location=<PATH_TO_TRUSTSTORE>';
const LEGACY_STORES = 'ssl.keyStore.location=<PATH_TO_KEYSTORE>\nssl.keyStore.password=<KEYSTORE_PASSWORD>\nssl.trustStore.location=<PATH_TO_TRUSTSTORE>';

ruleTester('zoo-cfg-plaintext-client-port', {
  valid: [
    {
      name: 'TLS port only',
      path: 'zoo.cfg',
      text: `dataDir=/var/lib/zookeeper\nsecureClientPort=2182\n${NETTY}\nssl.keyStore.location=/etc/zk/ks.p12\n`,
    },
    { name: 'clientPort=0 means no plaintext port', path: 'zoo.cfg', text: 'dataDir=/var/lib/zookeeper\nclientPort=0\nsecureClientPort=2182\n' },
    { name: 'a templated port cannot be evaluated', path: 'zoo.cfg', text: 'dataDir=/var/lib/zookeeper\nclientPort={{ .Values.port }}\n' },
    {
      name: 'server lines without a client part open no client port',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zookeeper\nsecureClientPort=2182\nserver.1=zk1:2888:3888\nserver.2=zk2:2888:3888:participant\n',
    },
    { name: 'a broker file is not a zoo.cfg', text: 'broker.id=0\nzookeeper.connect=zk:2181\n' },
  ],
  invalid: [
    {
      name: 'plain clientPort: moved to secureClientPort with Netty and stores, after the previous entry',
      path: 'zoo.cfg',
      text: 'tickTime=2000\ndataDir=/var/lib/zookeeper\n# the port at which the clients will connect\nclientPort=2181\ninitLimit=10\n',
      findings: [{ line: 4, column: 12, endLine: 4, endColumn: 16, severity: 'warning', messageIncludes: 'clientPort' }],
      fixSafety: 'suggestion',
      output: `tickTime=2000\ndataDir=/var/lib/zookeeper\nsecureClientPort=2182\n${NETTY}\n${STORES}\n# the port at which the clients will connect\ninitLimit=10\n`,
      suggestionOutputs: [`tickTime=2000\ndataDir=/var/lib/zookeeper\nsecureClientPort=2182\n${NETTY}\n${LEGACY_STORES}\n# the port at which the clients will connect\ninitLimit=10\n`],
    },
    {
      name: 'mixed mode: the plaintext port is removed and the secure one kept',
      path: 'zoo.cfg',
      text: `dataDir=/var/lib/zookeeper\nclientPort=2181\nsecureClientPort=2182\n${NETTY}\nssl.keyStore.location=/etc/zk/ks.p12\n`,
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 16, severity: 'warning', messageIncludes: 'secureClientPort' }],
      output: `dataDir=/var/lib/zookeeper\nsecureClientPort=2182\n${NETTY}\nssl.keyStore.location=/etc/zk/ks.p12\n`,
      suggestionOutputs: [],
    },
    {
      name: 'port unification still accepts plaintext: the same port number becomes the secure port',
      path: 'zoo.cfg',
      text: `dataDir=/var/lib/zookeeper\nclientPort=2181\nclient.portUnification=true\n${NETTY}\nssl.keyStore.location=/etc/zk/ks.p12\nssl.keyStore.passwordPath=/etc/zk/ks.pass\nssl.trustStore.location=/etc/zk/ts.p12\n`,
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 16, severity: 'warning', messageIncludes: 'client.portUnification' }],
      output: `dataDir=/var/lib/zookeeper\nsecureClientPort=2181\n${NETTY}\nssl.keyStore.location=/etc/zk/ks.p12\nssl.keyStore.passwordPath=/etc/zk/ks.pass\nssl.trustStore.location=/etc/zk/ts.p12\n`,
      suggestionOutputs: [],
    },
    {
      name: 'bound to loopback only: info; the address moves to secureClientPortAddress',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zookeeper\nclientPort=2181\nclientPortAddress=127.0.0.1\nserverCnxnFactory=org.apache.zookeeper.server.NIOServerCnxnFactory\n',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 16, severity: 'info' }],
      output: `dataDir=/var/lib/zookeeper\nsecureClientPort=2182\nsecureClientPortAddress=127.0.0.1\n${STORES}\n${NETTY}\n`,
    },
    {
      name: 'CRLF and clientPort as the first entry: new lines go after the next one',
      path: 'zoo.cfg',
      text: 'clientPort=2181\r\ndataDir=/var/lib/zookeeper\r\n',
      findings: [{ line: 1, column: 12, endLine: 1, endColumn: 16, severity: 'warning' }],
      output: `dataDir=/var/lib/zookeeper\r\nsecureClientPort=2182\r\n${NETTY}\r\n${STORES.split('\n').join('\r\n')}\r\n`,
    },
    {
      name: 'a port written across a continuation: whole value as span, whole entry removed',
      path: 'zookeeper.properties',
      text: 'dataDir=/var/lib/zookeeper\nclientPort=21\\\n  81\nmaxClientCnxns=60\n',
      findings: [{ line: 2, column: 12, endLine: 3, endColumn: 5, severity: 'warning' }],
      output: `dataDir=/var/lib/zookeeper\nsecureClientPort=2182\n${NETTY}\n${STORES}\nmaxClientCnxns=60\n`,
    },
    {
      name: 'dynamic configuration: a client port on server lines (no fix)',
      path: 'zoo.cfg',
      text: 'dataDir=/var/lib/zookeeper\nserver.1=zk1:2888:3888;2181\nserver.2=zk2:2888:3888:participant;127.0.0.1:2181\n',
      findings: [
        { line: 2, column: 24, endLine: 2, endColumn: 28, severity: 'warning', messageIncludes: 'server.1' },
        { line: 3, column: 36, endLine: 3, endColumn: 50, severity: 'info', messageIncludes: 'server.2' },
      ],
    },
  ],
});
