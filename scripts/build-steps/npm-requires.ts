/**
 * Which packed npm packages are actually reachable by `require`. miniprogram-ci packs a package's
 * whole `dependencies` tree, but the ZIM bundle is self-contained: protobufjs, crypto-js, long,
 * js-base64 and spark-md5 land in miniprogram_npm without a single `require` pointing at them.
 * Pure functions over file contents, so they can be tested without packing.
 */

// A literal require: require('x'), require("x"), require(`x`). `__webpack_require__(` is not matched
// because there is no word boundary between `_` and `r`.
const LITERAL_REQUIRE = /\brequire\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g;
const ANY_REQUIRE_CALL = /\brequire\s*\(/g;
// miniprogram-ci's packing wrapper falls back to `require(source)` for ids missing from its own map;
// `source` is always one of the literal specifiers in the same file, so it hides nothing.
const PACKER_FALLBACK_REQUIRE = /\brequire\s*\(\s*source\s*\)/g;

/** The package a bare specifier names: 'long' → 'long', '@protobufjs/float/x' → '@protobufjs/float'. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return name ? name : null;
}

export interface RequireScan {
  /** Packages named by literal requires (relative paths are the package's own modules). */
  packages: string[];
  /** Requires whose argument is not a literal (other than the packer's own fallback): they could load anything. */
  dynamicRequireCount: number;
}

export function scanRequires(source: string): RequireScan {
  const packages = new Set<string>();
  let literalCount = 0;
  for (const match of source.matchAll(LITERAL_REQUIRE)) {
    literalCount += 1;
    const name = packageNameOf(match[2] ?? '');
    if (name) packages.add(name);
  }
  const allCount = source.match(ANY_REQUIRE_CALL)?.length ?? 0;
  const packerCount = source.match(PACKER_FALLBACK_REQUIRE)?.length ?? 0;
  return { packages: [...packages].sort(), dynamicRequireCount: allCount - literalCount - packerCount };
}

export interface ReachabilityResult {
  /** Packages reachable from the roots through literal requires. */
  required: string[];
  /** Packed packages nothing requires: safe to delete before WeChat's compile. */
  unrequired: string[];
  /** Reachable packages with a non-literal require; while any exist nothing is safe to delete. */
  dynamic: string[];
}

/**
 * Walks requires from the root packages (package.json `dependencies`) through the packed sources.
 * `sources` maps each packed package name to the concatenated text of its JS files.
 */
export function findUnrequiredPackages(
  sources: ReadonlyMap<string, string>,
  roots: readonly string[],
): ReachabilityResult {
  const required = new Set<string>();
  const dynamic: string[] = [];
  const queue = roots.filter((root) => sources.has(root));
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (required.has(name)) continue;
    required.add(name);
    const scan = scanRequires(sources.get(name) ?? '');
    if (scan.dynamicRequireCount > 0) dynamic.push(name);
    for (const dependency of scan.packages) {
      if (sources.has(dependency) && !required.has(dependency)) queue.push(dependency);
    }
  }
  const unrequired = dynamic.length > 0 ? [] : [...sources.keys()].filter((name) => !required.has(name));
  return { required: [...required].sort(), unrequired: unrequired.sort(), dynamic: dynamic.sort() };
}
