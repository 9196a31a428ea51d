/**
 * Runs `npm run build` before anything is sent to WeChat, so a preview or upload always ships
 * freshly packed npm dependencies and code that WeChat's own compiler accepted offline.
 */
import { spawn } from 'node:child_process';
import { ReleaseError } from './errors';
import type { Write } from './progress';

export interface BuildCommand {
  executable: string;
  args: string[];
}

/** The npm that started us (npm_execpath) when there is one, so CI uses the same npm and node. */
export function buildCommand(env: NodeJS.ProcessEnv, nodePath: string): BuildCommand {
  const npmCli = env.npm_execpath;
  if (npmCli !== undefined && npmCli.endsWith('.js')) {
    return { executable: nodePath, args: [npmCli, 'run', 'build'] };
  }
  return { executable: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', 'build'] };
}

export function runBuildProcess(projectRoot: string, out: Write): Promise<void> {
  const { executable, args } = buildCommand(process.env, process.execPath);
  out('Building (npm run build)…');
  return new Promise((resolve, reject) => {
    // The build prints its own progress and errors; they pass straight through.
    const child = spawn(executable, args, { cwd: projectRoot, stdio: 'inherit' });
    child.on('error', (error) => {
      reject(new ReleaseError(`could not start npm run build: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else {
        const how = signal === null ? `exit code ${code ?? '?'}` : `signal ${signal}`;
        reject(new ReleaseError(`npm run build failed (${how}): fix the errors above, then run again`));
      }
    });
  });
}
