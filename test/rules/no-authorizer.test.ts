import { ruleTester } from '../rule-tester';

ruleTester('no-authorizer', {
  valid: [
    { name: 'KRaft StandardAuthorizer', text: 'process.roles=broker\nnode.id=1\nauthorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n' },
    { name: 'any non-empty class counts', text: 'broker.id=0\nauthorizer.class.name=io.confluent.kafka.security.authorizer.ConfluentServerAuthorizer\n' },
    { name: 'clients have no authorizer', path: 'producer.properties', text: 'bootstrap.servers=kafka:9092\n' },
  ],
  invalid: [
    {
      name: 'KRaft broker without authorizer',
      text: 'process.roles=broker,controller\nnode.id=1\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 47, severity: 'warning' }],
      fixSafety: 'suggestion',
      output:
        'process.roles=broker,controller\nnode.id=1\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\nauthorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\nsuper.users=User:<ADMIN_PRINCIPAL>;User:<BROKER_PRINCIPAL>\ncontroller.listener.names=CONTROLLER\n',
    },
    {
      name: 'ZooKeeper-mode broker with a blank class and SASL listener is an error',
      text: 'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=SASL_SSL://:9094\nauthorizer.class.name=\n',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 23, severity: 'error' }],
      output:
        'broker.id=0\nzookeeper.connect=zk:2181\nlisteners=SASL_SSL://:9094\nauthorizer.class.name=kafka.security.authorizer.AclAuthorizer\nsuper.users=User:<ADMIN_PRINCIPAL>;User:<BROKER_PRINCIPAL>\n',
    },
  ],
});
