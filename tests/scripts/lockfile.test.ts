/** @jest-environment node */
import fs from 'fs';
import path from 'path';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

/**
 * `npm ci` refuses a lock file that lacks an entry for any optional dependency, and this machine's
 * registry leaves other platforms' binaries out when `npm install` rewrites the lock.
 */
describe('package-lock.json', () => {
  it('has an entry for every optional dependency, so npm ci accepts it (else run: npm run lock:stubs)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = where === '' ? `node_modules/${dep}` : `${where}/node_modules/${dep}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`]) missing.push(dep);
      }
    }
    expect(missing).toEqual([]);
  });
});
