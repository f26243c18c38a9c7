// Runs the `exitbot` CLI from the TypeScript sources, for tests that spawn it as a child process
// with `node --import tsx`, so they need no `npm run build` first.
import { main } from '../../adapters/cli/main.js';

process.exitCode = await main(process.argv);
