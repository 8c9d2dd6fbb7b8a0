import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, whether running from src/ (tests, tsx) or from the built dist/. */
export const projectRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Waymark project folder');
    dir = parent;
  }
})();

export const migrationsDir = path.join(projectRoot, 'migrations');
export const webDistDir = path.join(projectRoot, 'dist', 'web');
/** Reference data shipped with Waymark (populations, typology, area codes), each with its source. */
export const referenceDir = path.join(projectRoot, 'reference');
