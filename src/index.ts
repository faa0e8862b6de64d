import { tuneJit } from './jit.js';
import { run } from './main.js';

tuneJit(process.env);
void run();
