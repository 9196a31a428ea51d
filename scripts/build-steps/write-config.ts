import fs from 'fs';
import { BuildError } from './build-error';

/**
 * Build-time configuration: the values in miniprogram/config.values.ts can come from the environment.
 * Only these four variables are ever read; the ZEGO ServerSecret belongs to server/ and is never
 * looked up here, so it cannot end up in the package.
 */
export const CONFIG_VARIABLES = ['ZEGO_APP_ID', 'ZEGO_SERVER', 'TOKEN_URL', 'AUTH_MODE'] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];
export type ConfigEnv = Partial<Record<ConfigVariable, string>>;

/** The property of `configValues` each variable sets, and how it is written in TypeScript. */
const PROPERTY_OF: Record<ConfigVariable, string> = {
  ZEGO_APP_ID: 'appID',
  ZEGO_SERVER: 'server',
  TOKEN_URL: 'tokenUrl',
  AUTH_MODE: 'authMode',
};

/** Reads the four configuration variables by name (never the whole environment). Empty means unset. */
export function pickConfigEnv(env: NodeJS.ProcessEnv): ConfigEnv {
  const picked: ConfigEnv = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) picked[name] = value;
  }
  return picked;
}

// The string values are written between single quotes; refusing these keeps that literal intact.
const CHARACTERS_UNSAFE_IN_LITERAL = /['"`\\]/;

function validateValue(name: ConfigVariable, value: string): string | null {
  if (name !== 'ZEGO_APP_ID' && CHARACTERS_UNSAFE_IN_LITERAL.test(value)) {
    return 'must not contain quotes or backslashes';
  }
  switch (name) {
    case 'ZEGO_APP_ID': {
      const appID = Number(value);
      return /^\d+$/.test(value) && Number.isSafeInteger(appID) && appID > 0
        ? null
        : 'must be a positive integer (the AppID in the ZEGO console)';
    }
    case 'ZEGO_SERVER': {
      const servers = value.split(',').map((server) => server.trim());
      return servers.every((server) => /^wss:\/\/[^\s/]+\S*$/.test(server))
        ? null
        : 'must be one or more wss:// URLs separated by commas';
    }
    case 'TOKEN_URL':
      return /^https?:\/\/[^\s/]+\S*$/.test(value)
        ? null
        : 'must be an https:// URL of the token service, e.g. https://example.com/v1/token';
    case 'AUTH_MODE':
      return value === 'dev' || value === 'wechat' ? null : 'must be dev or wechat';
  }
}

/** Validates the variables that are set; throws one BuildError line naming every bad one. */
export function validateConfigEnv(env: ConfigEnv): void {
  const problems: string[] = [];
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value === undefined) continue;
    const problem = validateValue(name, value);
    if (problem) problems.push(`${name} ${problem}, got ${JSON.stringify(value)}`);
  }
  if (problems.length > 0) throw new BuildError(problems.join('; '));
}

function typeScriptLiteral(name: ConfigVariable, value: string): string {
  if (name === 'ZEGO_APP_ID') return String(Number(value));
  // Single quotes match the project's Prettier style; validation refused anything that would break them.
  return `'${value}'`;
}

/**
 * Rewrites only the values of the properties whose variables are set, leaving the file's comments,
 * order and any other properties as they are. Pure: text in, text out.
 */
export function applyConfigEnv(source: string, env: ConfigEnv): string {
  validateConfigEnv(env);
  let result = source;
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value === undefined) continue;
    const property = PROPERTY_OF[name];
    // One property per line, as Prettier writes it: `  appID: 0,`.
    const line = new RegExp(`^(\\s*${property}\\s*:\\s*)(.*?)(,?\\s*)$`, 'm');
    if (!line.test(result)) {
      throw new BuildError(
        `config.values.ts has no "${property}:" line to set from ${name}; restore its configValues shape`,
      );
    }
    result = result.replace(line, (_match, before: string, _old: string, after: string) => {
      return `${before}${typeScriptLiteral(name, value)}${after}`;
    });
  }
  return result;
}

export interface ConfigWriteResult {
  /** The variables that were applied, in a fixed order. */
  applied: ConfigVariable[];
  /** False when nothing was set or the file already held these values (the file is then left untouched). */
  changed: boolean;
}

/** Applies the set variables to the config values file on disk. */
export function writeConfigFromEnv(configValuesFile: string, env: ConfigEnv): ConfigWriteResult {
  const applied = CONFIG_VARIABLES.filter((name) => env[name] !== undefined);
  if (applied.length === 0) return { applied, changed: false };
  const before = fs.readFileSync(configValuesFile, 'utf8');
  const after = applyConfigEnv(before, env);
  if (after === before) return { applied, changed: false };
  fs.writeFileSync(configValuesFile, after);
  return { applied, changed: true };
}
