import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { startServer, type ServerState } from './server';
import { cancelUndispatched, GuardedStreamReader } from './transport';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const argv = process.argv.slice(2);

if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(
    'Usage: kafkalint-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]\n' +
      'The kafkalint language server (LSP). With no transport option it talks over stdio.\n',
  );
  process.exit(0);
}

const hasTransport = argv.some((a) => TRANSPORTS.includes(a) || TRANSPORTS.some((t) => a.startsWith(`${t}=`)));
const useStdio = argv.includes('--stdio') || !hasTransport;
let state: ServerState | undefined;

let connection: Connection;
if (useStdio) {
  // Our own reader over stdin answers malformed frames; stdout carries the protocol and nothing else.
  const writer = new StreamMessageWriter(process.stdout);
  const reader = new GuardedStreamReader(process.stdin, writer);
  connection = createConnection(ProposedFeatures.all, reader, writer, { cancelUndispatched });
  const exit = () => process.exit(state?.shutdownReceived ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
} else {
  // --node-ipc, --socket and --pipe are read from argv by the library.
  connection = createConnection(ProposedFeatures.all, { cancelUndispatched });
}

// Nothing may reach stdout but protocol messages: route console output to the client's log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.debug = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

process.on('uncaughtException', (err) => {
  connection.console.error(`kafkalint: uncaught ${err.name}\n${(err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n')}`);
});
process.on('unhandledRejection', (reason) => {
  const err = reason instanceof Error ? reason : new Error('non-error rejection');
  connection.console.error(`kafkalint: unhandled rejection ${err.name}\n${(err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n')}`);
});

state = startServer(connection, version);
