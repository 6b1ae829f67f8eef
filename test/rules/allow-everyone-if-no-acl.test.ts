import { ruleTester } from '../rule-tester';

const STANDARD = 'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer';

ruleTester('allow-everyone-if-no-acl', {
  valid: [
    { name: 'StandardAuthorizer with the default deny', text: `process.roles=broker\nnode.id=1\n${STANDARD}\n` },
    { name: 'explicitly false', text: `process.roles=broker\nnode.id=1\n${STANDARD}\nallow.everyone.if.no.acl.found=false\n` },
    { name: 'no authorizer: the key does nothing (no-authorizer reports that)', text: 'broker.id=0\nallow.everyone.if.no.acl.found=true\n' },
    { name: 'blank authorizer class', text: 'broker.id=0\nauthorizer.class.name=\nallow.everyone.if.no.acl.found=true\n' },
    { name: 'authorizer class from a template cannot be judged', text: 'broker.id=0\nauthorizer.class.name={{ .Values.authorizer }}\nallow.everyone.if.no.acl.found=true\n' },
    { name: 'anything but "true" parses as false', text: `broker.id=0\n${STANDARD}\nallow.everyone.if.no.acl.found=yes\n` },
    { name: 'client configs have no authorizer', path: 'consumer.properties', text: 'bootstrap.servers=kafka:9092\nallow.everyone.if.no.acl.found=true\n' },
  ],
  invalid: [
    {
      name: 'KRaft StandardAuthorizer allowing everyone',
      text: `process.roles=broker,controller\nnode.id=1\n${STANDARD}\nallow.everyone.if.no.acl.found=true\n`,
      findings: [{ line: 4, column: 32, endLine: 4, endColumn: 36, severity: 'error', messageIncludes: 'allow.everyone.if.no.acl.found' }],
      fixSafety: 'suggestion',
      output: `process.roles=broker,controller\nnode.id=1\n${STANDARD}\nallow.everyone.if.no.acl.found=false\n`,
    },
    {
      name: 'AclAuthorizer, upper case with a trailing space, CRLF kept',
      text: 'broker.id=0\r\nzookeeper.connect=zk:2181\r\nauthorizer.class.name=kafka.security.authorizer.AclAuthorizer\r\nallow.everyone.if.no.acl.found=TRUE \r\n',
      findings: [{ line: 4, column: 32, endLine: 4, endColumn: 36, severity: 'error' }],
      output: 'broker.id=0\r\nzookeeper.connect=zk:2181\r\nauthorizer.class.name=kafka.security.authorizer.AclAuthorizer\r\nallow.everyone.if.no.acl.found=false\r\n',
    },
    {
      name: 'value on a continuation line',
      text: `broker.id=0\n${STANDARD}\nallow.everyone.if.no.acl.found=\\\n    true\n`,
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 9, severity: 'error' }],
      output: `broker.id=0\n${STANDARD}\nallow.everyone.if.no.acl.found=\\\n    false\n`,
    },
    {
      name: 'a plug-in authorizer may ignore the key: info',
      text: 'process.roles=broker\nnode.id=1\nauthorizer.class.name=com.example.kafka.CustomAuthorizer\nallow.everyone.if.no.acl.found=true\n',
      findings: [{ line: 4, column: 32, endLine: 4, endColumn: 36, severity: 'info', messageIncludes: 'com.example.kafka.CustomAuthorizer' }],
      output: 'process.roles=broker\nnode.id=1\nauthorizer.class.name=com.example.kafka.CustomAuthorizer\nallow.everyone.if.no.acl.found=false\n',
    },
    {
      name: 'the last definition wins',
      text: `broker.id=0\n${STANDARD}\nallow.everyone.if.no.acl.found=false\nallow.everyone.if.no.acl.found=true\n`,
      findings: [{ line: 4, column: 32, endLine: 4, endColumn: 36, severity: 'error' }],
      output: `broker.id=0\n${STANDARD}\nallow.everyone.if.no.acl.found=false\nallow.everyone.if.no.acl.found=false\n`,
    },
  ],
});
