// Process wrapper for the CLI: real stdio and exit code. Kept apart from cli.ts so tests call runCli.
import { runCli } from './cli.js';
import { setV8Flags, startupFlags } from './v8-tuning.js';

setV8Flags(startupFlags(process.env));
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTTY: !!process.stdout.isTTY,
  env: process.env,
});
process.exitCode = code;
