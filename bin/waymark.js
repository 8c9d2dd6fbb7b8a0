#!/usr/bin/env node
// The built CLI (npm install builds it). In a checkout without a build, run `npm run build` first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(built)) {
  console.error('waymark: not built yet. Run `npm run build` (npm install does it).');
  process.exit(1);
}
await import(built);
