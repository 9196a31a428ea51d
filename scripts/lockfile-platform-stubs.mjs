#!/usr/bin/env node
/**
 * `npm run lock:stubs` — run after any `npm install` that rewrites package-lock.json.
 *
 * The registry this project installs from serves only the platform binaries this machine can use, so
 * `npm install` leaves the other platforms' optional binaries (e.g. @unrs/resolver-binding-darwin-arm64,
 * from jest's resolver) out of the lock file, and `npm ci` then refuses the lock as out of sync. This
 * adds an entry for each missing optional package, with the os/cpu/libc its name declares, so npm ci
 * skips it on every other platform exactly as it would with the full metadata.
 */
import fs from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const OSES = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32'];
const CPUS = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OSES.find((candidate) => parts.includes(candidate));
  const cpu = CPUS.find((candidate) => parts.includes(candidate));
  if (os === undefined || cpu === undefined) return null;
  const libc = parts.some((p) => p.startsWith('musl'))
    ? ['musl']
    : parts.some((p) => p.startsWith('gnu'))
      ? ['glibc']
      : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] !== undefined || lock.packages[`${path}/${key}`] !== undefined) continue;
    const platform = platformOf(dep);
    if (platform === null) continue;
    lock.packages[key] = { version, dev: entry.dev, optional: true, ...platform };
    if (lock.packages[key].dev === undefined) delete lock.packages[key].dev;
    added.push(`${dep}@${version}`);
  }
}
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length === 0
    ? 'lock file: nothing missing'
    : `lock file: added ${added.length} platform stubs: ${added.join(', ')}`,
);
