import { setV8Flags, startupFlags } from './v8-tuning.js';
import { run } from './main.js';

setV8Flags(startupFlags(process.env));
void run();
