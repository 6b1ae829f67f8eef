import { run, type Io } from './run';

const realIo: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
};

void (async () => {
  process.exitCode = await run(process.argv.slice(2), realIo);
})();
