import { ruleTester } from '../rule-tester';

const lines = (...l: string[]) => l.join('\n') + '\n';
const strimzi = (...l: string[]) => lines('apiVersion: kafka.strimzi.io/v1beta2', 'kind: Kafka', 'metadata:', '  name: my-cluster', 'spec:', '  kafka:', ...l);

ruleTester('super-users-anonymous', {
  valid: [
    { name: 'real principals only', text: 'broker.id=0\nsuper.users=User:admin;User:broker\n' },
    { name: 'principal names are case-sensitive: User:anonymous is another user', text: 'broker.id=0\nsuper.users=User:anonymous\n' },
    { name: 'a DN that merely contains ANONYMOUS', text: 'broker.id=0\nsuper.users=User:CN=ANONYMOUS,OU=ops;User:admin\n' },
    { name: 'a group called ANONYMOUS is not the anonymous principal', text: 'broker.id=0\nsuper.users=Group:ANONYMOUS\n' },
    { name: 'no super.users', text: 'process.roles=broker\nnode.id=1\n' },
    { name: 'template value', text: 'broker.id=0\nsuper.users={{ .Values.superUsers }}\n' },
    { name: 'client configs are not brokers', path: 'admin.properties', text: 'bootstrap.servers=kafka:9092\nsuper.users=User:ANONYMOUS\n' },
    {
      name: 'Strimzi: superUsers entries are user names; `anonymous` is another user',
      path: 'kafka.yaml',
      text: strimzi('    listeners:', '      - name: tls', '        port: 9093', '        type: internal', '        tls: true', '    authorization:', '      type: simple', '      superUsers:', '        - CN=admin', '        - anonymous'),
    },
  ],
  invalid: [
    {
      name: 'entry in the middle of the list',
      text: 'broker.id=0\nsuper.users=User:admin;User:ANONYMOUS;User:broker\n',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 38, severity: 'error', messageIncludes: 'super.users' }],
      fixSafety: 'suggestion',
      output: 'broker.id=0\nsuper.users=User:admin;User:broker\n',
      suggestionOutputs: ['broker.id=0\nsuper.users=User:admin;User:<BROKER_PRINCIPAL>;User:broker\n'],
    },
    {
      name: 'KRaft quick start with a PLAINTEXT controller listener is still an error; the only entry removes the key',
      text: 'process.roles=broker,controller\nnode.id=1\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\nsuper.users=User:ANONYMOUS\n',
      findings: [{ line: 5, column: 13, endLine: 5, endColumn: 27, severity: 'error' }],
      output: 'process.roles=broker,controller\nnode.id=1\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\n',
      suggestionOutputs: ['process.roles=broker,controller\nnode.id=1\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\ncontroller.listener.names=CONTROLLER\nsuper.users=User:<BROKER_PRINCIPAL>\n'],
    },
    {
      name: 'last entry with spaces around it, CRLF kept',
      text: 'broker.id=0\r\nsuper.users=User:admin ; User:ANONYMOUS \r\nlisteners=SSL://:9093\r\n',
      findings: [{ line: 2, column: 26, endLine: 2, endColumn: 40, severity: 'error' }],
      output: 'broker.id=0\r\nsuper.users=User:admin \r\nlisteners=SSL://:9093\r\n',
    },
    {
      name: 'list written over continuation lines: exact span, value rewritten on one line',
      text: 'broker.id=0\nsuper.users=User:admin;\\\n    User:ANONYMOUS;\\\n    User:broker\n',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 19, severity: 'error' }],
      output: 'broker.id=0\nsuper.users=User:admin;User:broker\n',
    },
    {
      name: 'every ANONYMOUS entry is reported',
      text: 'broker.id=0\nsuper.users=User:ANONYMOUS;User:admin;User:ANONYMOUS\n',
      findings: [
        { line: 2, column: 13, endLine: 2, endColumn: 27, severity: 'error' },
        { line: 2, column: 39, endLine: 2, endColumn: 53, severity: 'error' },
      ],
      output: 'broker.id=0\nsuper.users=User:admin\n',
    },
    {
      name: 'Strimzi: the ANONYMOUS item is removed from the superUsers list',
      path: 'kafka.yaml',
      text: strimzi(
        '    listeners:',
        '      - name: tls',
        '        port: 9093',
        '        type: internal',
        '        tls: true',
        '        authentication:',
        '          type: tls',
        '    authorization:',
        '      type: simple',
        '      superUsers:',
        '        - CN=admin',
        '        - ANONYMOUS',
      ),
      findings: [{ line: 18, column: 11, endLine: 18, endColumn: 20, severity: 'error' }],
      fixSafety: 'suggestion',
      output: strimzi(
        '    listeners:',
        '      - name: tls',
        '        port: 9093',
        '        type: internal',
        '        tls: true',
        '        authentication:',
        '          type: tls',
        '    authorization:',
        '      type: simple',
        '      superUsers:',
        '        - CN=admin',
      ),
      suggestionOutputs: [
        strimzi(
          '    listeners:',
          '      - name: tls',
          '        port: 9093',
          '        type: internal',
          '        tls: true',
          '        authentication:',
          '          type: tls',
          '    authorization:',
          '      type: simple',
          '      superUsers:',
          '        - CN=admin',
          '        - <BROKER_PRINCIPAL>',
        ),
      ],
    },
    {
      name: 'Strimzi: a flow list holding only ANONYMOUS is removed with its key',
      path: 'kafka.yaml',
      text: strimzi('    listeners:', '      - name: tls', '        port: 9093', '        type: internal', '        tls: true', '        authentication:', '          type: tls', '    authorization:', '      type: simple', '      superUsers: [ANONYMOUS]'),
      findings: [{ line: 16, column: 20, endLine: 16, endColumn: 29, severity: 'error' }],
      output: strimzi('    listeners:', '      - name: tls', '        port: 9093', '        type: internal', '        tls: true', '        authentication:', '          type: tls', '    authorization:', '      type: simple'),
      suggestionOutputs: [
        strimzi('    listeners:', '      - name: tls', '        port: 9093', '        type: internal', '        tls: true', '        authentication:', '          type: tls', '    authorization:', '      type: simple', '      superUsers: [<BROKER_PRINCIPAL>]'),
      ],
    },
  ],
});
