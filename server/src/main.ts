/** `npm run server`: reads the environment, then serves until stopped. */
import { buildServer } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line, naming the variable: what an operator needs and nothing that could leak a secret.
    console.error(`token server: configuration error: ${error.message}`);
    process.exit(1);
  }
  const app = await buildServer(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    {
      authMode: config.authMode,
      appId: config.zegoAppId,
      tokenTtlSeconds: config.tokenTtlSeconds,
      // Which store holds room ownership: "memory" is right for a single instance only.
      roomStore: config.redisUrl === null ? 'memory' : 'redis',
      roomOwnerTtlSeconds: config.roomOwnerTtlSeconds,
      cohostLimit: config.cohostLimit,
    },
    'token server ready',
  );
}

main().catch((error: unknown) => {
  console.error('token server: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
