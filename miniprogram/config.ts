/**
 * The app's deployment config: the raw values in config.values.ts (placeholders in the repository,
 * written from ZEGO_APP_ID / ZEGO_SERVER / TOKEN_URL / AUTH_MODE by `npm run build`), validated once
 * at start-up by core/config.ts. Pages show the problems ("not configured: set …") instead of crashing.
 */
import { configValues } from './config.values';
import { validateConfig, type ConfigResult } from './core/config';

let cached: ConfigResult | undefined;

export function loadAppConfig(): ConfigResult {
  if (cached === undefined) cached = validateConfig(configValues);
  return cached;
}
