#!/usr/bin/env node
// Entry point of the `exitbot` command. Runs the compiled CLI in dist/ (built by `npm install`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'adapters', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`error: ${entry} is missing. Run \`npm run build\` (npm install runs it too).\n`);
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
