// The Action entry (thin): the runner's I/O adapter plus the pipeline in src/action/run.ts.
import { createActionsIO } from './action/actions-io.js';
import { runAction } from './action/run.js';

export async function run(): Promise<void> {
  const code = await runAction(createActionsIO(), process.env);
  if (code !== 0) process.exitCode = code;
}
