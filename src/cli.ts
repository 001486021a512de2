#!/usr/bin/env node
import { main, quietOnClosedPipe } from './cli/main.js';

quietOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
