import assert from 'node:assert/strict';
import { intendedKey } from '../../rules/bitnami-env-ignored';
import { ruleTester } from '../rule-tester';

const P = 'docker-compose.yml';
const lines = (...l: string[]) => l.join('\n') + '\n';

ruleTester('bitnami-env-ignored', {
  valid: [
    {
      name: 'environment only, keys the image can write',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: bitnami/kafka:3.7',
        '    environment:',
        '      KAFKA_CFG_LISTENERS: SASL_SSL://:9092,CONTROLLER://:9093',
        '      KAFKA_CFG_LISTENER_NAME_SASL_SSL_SSL_CLIENT_AUTH: required',
        '      KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET: org.apache.zookeeper.ClientCnxnSocketNetty',
        '    volumes:',
        '      - kafka_data:/bitnami/kafka',
      ),
    },
    {
      name: 'mounted server.properties without any environment variable',
      path: P,
      text: lines('services:', '  kafka:', '    image: bitnami/kafka:3.7', '    volumes:', '      - ./server.properties:/bitnami/kafka/config/server.properties:ro'),
    },
    {
      name: 'mounted server.properties with variables the image still reads (JVM, cluster id)',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: bitnami/kafka:3.7',
        '    environment:',
        '      KAFKA_HEAP_OPTS: -Xmx1g',
        '      KAFKA_KRAFT_CLUSTER_ID: abc',
        '    volumes:',
        '      - ./server.properties:/bitnami/kafka/config/server.properties:ro',
      ),
    },
    {
      name: 'another image: the Confluent image has its own escapes',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: confluentinc/cp-kafka:7.6.1',
        '    environment:',
        '      KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG: x',
        '    volumes:',
        '      - ./server.properties:/bitnami/kafka/config/server.properties',
      ),
    },
    {
      name: 'a named volume at the configuration directory is empty, not a mounted file',
      path: P,
      text: lines('services:', '  kafka:', '    image: bitnami/kafka:3.7', '    environment:', '      KAFKA_CFG_NODE_ID: "1"', '    volumes:', '      - kafka_conf:/bitnami/kafka/config'),
    },
  ],
  invalid: [
    {
      name: 'mounted server.properties (short syntax): every KAFKA_CFG_ and helper variable is skipped',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: bitnami/kafka:3.7',
        '    environment:',
        '      KAFKA_CFG_LISTENERS: SASL_SSL://:9092',
        '      KAFKA_CLIENT_USERS: alice',
        '      KAFKA_HEAP_OPTS: -Xmx1g',
        '    volumes:',
        '      - ./config/server.properties:/bitnami/kafka/config/server.properties:ro',
      ),
      findings: [{ line: 9, column: 9, endLine: 9, endColumn: 78, severity: 'warning', messageIncludes: 'KAFKA_CFG_LISTENERS, KAFKA_CLIENT_USERS have no effect' }],
    },
    {
      name: 'long volume syntax, list-form environment, legacy alias',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: bitnami/kafka:3.6',
        '    environment:',
        '      - KAFKA_LISTENERS=PLAINTEXT://:9092',
        '    volumes:',
        '      - type: bind',
        '        source: ./server.properties',
        '        target: /opt/bitnami/kafka/config/server.properties',
      ),
      findings: [{ line: 7, column: 9, endLine: 9, endColumn: 60, severity: 'warning', messageIncludes: 'KAFKA_LISTENERS has no effect' }],
    },
    {
      name: 'KAFKA_MOUNTED_CONF_DIR moves the directory the image looks in',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: bitnamilegacy/kafka:3.5',
        '    environment:',
        '      KAFKA_MOUNTED_CONF_DIR: /conf',
        '      KAFKA_TLS_CLIENT_AUTH: required',
        '    volumes:',
        '      - "./kafka.properties:/conf/server.properties"',
      ),
      findings: [{ line: 8, column: 9, endLine: 8, endColumn: 53, severity: 'warning', messageIncludes: 'KAFKA_TLS_CLIENT_AUTH has no effect' }],
    },
    {
      name: 'a host directory mounted as the configuration directory',
      path: P,
      text: lines('services:', '  kafka:', '    image: bitnami/kafka:3.7', '    environment:', '      KAFKA_CFG_NODE_ID: "1"', '    volumes:', '      - ./config:/bitnami/kafka/config'),
      findings: [{ line: 7, column: 9, endLine: 7, endColumn: 39, severity: 'warning', messageIncludes: 'if it holds a server.properties' }],
    },
    {
      name: 'listener names with "_" and SCRAM prefixes cannot be written as KAFKA_CFG_ names',
      path: P,
      text: lines(
        'services:',
        '  kafka:',
        '    image: bitnami/kafka:3.7',
        '    environment:',
        '      KAFKA_CFG_LISTENERS: PLAINTEXT_HOST://:9094,CLIENT://:9092',
        '      KAFKA_CFG_LISTENER_NAME_PLAINTEXT_HOST_SSL_CLIENT_AUTH: required',
        '      KAFKA_CFG_LISTENER_NAME_CLIENT_SCRAM_SHA_512_SASL_JAAS_CONFIG: x',
        '      KAFKA_CFG_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG: y',
      ),
      findings: [
        { line: 6, column: 7, endLine: 6, endColumn: 61, severity: 'warning', messageIncludes: 'listener.name.plaintext_host.ssl.client.auth' },
        { line: 7, column: 7, endLine: 7, endColumn: 68, severity: 'warning', messageIncludes: 'listener.name.client.scram-sha-512.sasl.jaas.config' },
      ],
    },
  ],
});

describe('bitnami-env-ignored: intended keys', () => {
  it('recovers listener names and SCRAM mechanisms', () => {
    assert.equal(intendedKey('KAFKA_CFG_LISTENER_NAME_SASL_SSL_EXTERNAL_SSL_CLIENT_AUTH', ['SASL_SSL_EXTERNAL', 'SASL_SSL']), 'listener.name.sasl_ssl_external.ssl.client.auth');
    assert.equal(intendedKey('KAFKA_CFG_LISTENER_NAME_INTERNAL_SCRAM_SHA_256_SASL_JAAS_CONFIG', ['INTERNAL']), 'listener.name.internal.scram-sha-256.sasl.jaas.config');
    assert.equal(intendedKey('KAFKA_CFG_LISTENER_NAME_A_B_SSL_CLIENT_AUTH', ['A-B']), 'listener.name.a-b.ssl.client.auth');
    assert.equal(intendedKey('KAFKA_CFG_LISTENERS', ['A']), undefined);
  });
});
