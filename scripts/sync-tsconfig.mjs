// Writes each project's tsconfig.lib.json / tsconfig.spec.json and the root tsconfig.json /
// tsconfig.build.json from the @gm/* dependencies in each package.json (our own `nx sync`).
// A project with "gm": {"tsconfig": "manual"} keeps hand-written configs.
import { writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projects, root } from './workspace.mjs';

const all = projects();
const byName = new Map(all.map((p) => [p.name, p]));
const write = (file, json) => writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
// Tests, and `*.test-support.ts`: helpers shared by a project's tests (in the spec program, never built).
const testGlobs = [
  'src/**/*.spec.ts',
  'src/**/*.int-spec.ts',
  'src/**/*.e2e-spec.ts',
  'src/**/*.test-support.ts',
];

for (const p of all) {
  if (p.pkg.gm?.tsconfig === 'manual') continue;
  const base = relative(p.dir, join(root, 'tsconfig.base.json'));
  const toRefs = (names) =>
    names
      .map((d) => byName.get(d))
      .filter(Boolean)
      .map((d) => ({ path: relative(p.dir, join(d.dir, 'tsconfig.lib.json')) }));
  const refs = toRefs(p.deps);
  const devRefs = toRefs(p.devDeps);
  const hasSource = !p.pkg.gm?.testsOnly;
  if (hasSource) {
    write(join(p.dir, 'tsconfig.lib.json'), {
      extends: base,
      compilerOptions: {
        rootDir: 'src',
        outDir: 'dist',
        tsBuildInfoFile: 'dist/tsconfig.lib.tsbuildinfo',
      },
      include: ['src/**/*.ts'],
      exclude: testGlobs,
      references: refs,
    });
  }
  write(join(p.dir, 'tsconfig.spec.json'), {
    extends: base,
    compilerOptions: {
      rootDir: 'src',
      outDir: relative(p.dir, join(root, 'dist/out-tsc', p.rel)),
      emitDeclarationOnly: true,
      types: ['node', 'jest'],
    },
    // A tests-only project keeps its helpers beside its tests, so all of its src is in the program.
    include: hasSource ? testGlobs : ['src/**/*.ts'],
    references: [...(hasSource ? [{ path: './tsconfig.lib.json' }] : []), ...refs, ...devRefs],
  });
}

const libConfigs = all
  .filter((p) => !p.pkg.gm?.testsOnly && p.pkg.gm?.tsconfig !== 'manual')
  .map((p) => ({ path: `./${p.rel}/tsconfig.lib.json` }));
const manual = all
  .filter((p) => p.pkg.gm?.tsconfig === 'manual')
  .map((p) => ({ path: `./${p.rel}/tsconfig.json` }));
const specConfigs = all
  .filter((p) => p.pkg.gm?.tsconfig !== 'manual' && existsSync(join(p.dir, 'tsconfig.spec.json')))
  .map((p) => ({ path: `./${p.rel}/tsconfig.spec.json` }));

write(join(root, 'tsconfig.build.json'), { files: [], references: [...libConfigs, ...manual] });
write(join(root, 'tsconfig.json'), {
  files: [],
  references: [...libConfigs, ...manual, ...specConfigs],
});
console.log(`synced ${all.length} projects`);
