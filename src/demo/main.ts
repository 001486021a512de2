import { runDemo } from './run.js';

/** `npm run demo`: see run.ts. */
process.exitCode = await runDemo(process.argv.slice(2));
