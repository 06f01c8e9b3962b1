// Lists the workspace's projects (every package.json under apps/ and libs/) for the
// tsconfig sync script and the jest config, so both derive from package.json alone.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function packageDirs() {
  const dirs = [];
  for (const top of ['apps', 'libs']) {
    const walk = (dir, depth) => {
      if (!existsSync(dir)) return;
      if (existsSync(join(dir, 'package.json')) && dir !== join(root, top)) {
        dirs.push(dir);
        return;
      }
      if (depth === 0) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && !['node_modules', 'dist', 'src'].includes(entry.name)) {
          walk(join(dir, entry.name), depth - 1);
        }
      }
    };
    walk(join(root, top), 2);
  }
  return dirs.sort();
}

/** @returns {{name: string, dir: string, rel: string, kind: 'app'|'lib', tags: string[], deps: string[], devDeps: string[], pkg: any}[]} */
export function projects() {
  return packageDirs().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const rel = relative(root, dir);
    const ours = (o) => Object.keys(o ?? {}).filter((d) => d.startsWith('@gm/'));
    const deps = ours(pkg.dependencies);
    const devDeps = ours(pkg.devDependencies);
    return {
      name: pkg.name,
      dir,
      rel,
      kind: rel.startsWith('apps/') ? 'app' : 'lib',
      tags: pkg.nx?.tags ?? [],
      deps,
      devDeps,
      pkg,
    };
  });
}
