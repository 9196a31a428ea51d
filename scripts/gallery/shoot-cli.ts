/**
 * Shoots page states already rendered to HTML: `tsx scripts/gallery/shoot-cli.ts <htmlDir> [outDir]`.
 * The gallery test calls it in a child process, since playwright-core does not load under Jest's jsdom.
 */
import { readManifests } from './layout';
import { shootStates } from './shoot';

async function main(): Promise<void> {
  const [htmlDir, outDir = htmlDir] = process.argv.slice(2);
  if (!htmlDir || !outDir) throw new Error('usage: tsx scripts/gallery/shoot-cli.ts <htmlDir> [outDir]');
  const states = readManifests(htmlDir);
  if (states.length === 0) throw new Error(`No rendered states in ${htmlDir}`);
  for (const png of await shootStates(htmlDir, outDir, states)) console.log(png);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
