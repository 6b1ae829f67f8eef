import { ruleTester } from '../rule-tester';

const path = 'values.yaml';

ruleTester('cp-helm-override-key-mangled', {
  valid: [
    {
      name: 'dotted lower-case keys survive the round trip',
      path,
      text: 'configurationOverrides:\n  "offsets.topic.replication.factor": "3"\n  "auto.create.topics.enable": false\ncustomEnv: {}\n',
    },
    {
      name: 'a dash is kept by the image',
      path,
      text: 'configurationOverrides:\n  "listener.name.external.scram-sha-256.connections.max.reauth.ms": "3600000"\ncustomEnv: {}\n',
    },
    {
      name: 'customEnv with the escaped name',
      path,
      text: 'configurationOverrides: {}\ncustomEnv:\n  KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG: "x"\n',
    },
    {
      name: 'Bitnami values are another chart',
      path,
      text: 'auth:\n  clientProtocol: sasl_tls\nextraEnvVars:\n  - name: KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET\n    value: org.apache.zookeeper.ClientCnxnSocketNetty\n',
    },
  ],
  invalid: [
    {
      name: 'camel case: moved to customEnv under the name the image special-cases',
      path,
      text: 'configurationOverrides:\n  "zookeeper.ssl.client.enable": "true"\n  "zookeeper.clientCnxnSocket": "org.apache.zookeeper.ClientCnxnSocketNetty"\ncustomEnv: {}\n',
      findings: [{ line: 3, column: 3, endLine: 3, endColumn: 31, severity: 'warning', messageIncludes: 'zookeeper.clientcnxnsocket' }],
      fixSafety: 'suggestion',
      output: 'configurationOverrides:\n  "zookeeper.ssl.client.enable": "true"\ncustomEnv:\n  KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET: org.apache.zookeeper.ClientCnxnSocketNetty\n',
    },
    {
      name: 'underscores: each key moved in turn, CRLF kept',
      path,
      text: 'configurationOverrides:\r\n  "num_partitions": 3\r\n  "log.retention.hours": "168"\r\n  "log.segment_bytes": "1073741824"\r\ncustomEnv:\r\n  KAFKA_HEAP_OPTS: "-Xmx1G"\r\n',
      findings: [
        { line: 2, column: 3, endLine: 2, endColumn: 19, severity: 'warning', messageIncludes: 'KAFKA_NUM_PARTITIONS' },
        { line: 4, column: 3, endLine: 4, endColumn: 22, severity: 'warning', messageIncludes: 'log.segment.bytes' },
      ],
      output:
        'configurationOverrides:\r\n  "log.retention.hours": "168"\r\ncustomEnv:\r\n  KAFKA_HEAP_OPTS: "-Xmx1G"\r\n  KAFKA_NUM__PARTITIONS: "3"\r\n  KAFKA_LOG_SEGMENT__BYTES: "1073741824"\r\n',
    },
    {
      name: 'a listener named sasl_ssl: reported, but a JAAS secret is never copied by a fix',
      path,
      text: 'configurationOverrides:\n  "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": "org.apache.kafka.common.security.scram.ScramLoginModule required;"\ncustomEnv: {}\n',
      findings: [{ line: 2, column: 3, endLine: 2, endColumn: 58, severity: 'warning', messageIncludes: 'KAFKA_LISTENER_NAME_SASL__SSL_SCRAM___SHA___512_SASL_JAAS_CONFIG' }],
    },
    {
      name: 'a key that becomes one of the image variables',
      path,
      text: 'configurationOverrides:\n  "heap.opts": "-Xmx2G"\ncustomEnv: {}\n',
      findings: [{ line: 2, column: 3, endLine: 2, endColumn: 14, severity: 'warning', messageIncludes: 'KAFKA_HEAP_OPTS' }],
    },
    {
      name: 'upper-case letters in an archived incubator/kafka chart: no variable can carry the key',
      path,
      text: 'replicas: 3\nimage: "confluentinc/cp-kafka"\nimageTag: "5.0.1"\nconfigurationOverrides:\n  "Log.Retention.Hours": 24\nenvOverrides: {}\n',
      findings: [{ line: 5, column: 3, endLine: 5, endColumn: 24, severity: 'warning', messageIncludes: 'log.retention.hours' }],
    },
  ],
});
