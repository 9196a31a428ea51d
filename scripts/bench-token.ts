/**
 * `npm run bench:token`: prints how fast tokens are made, in-process and over HTTP on loopback.
 * Figures only, no pass/fail. Rate limits are lifted for the run (they exist to stop exactly this);
 * one userID per room keeps the per-user limiter exercised as it is in production.
 */
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../server/src/app';
import type { ServerConfig } from '../server/src/config';
import { generateToken04 } from '../server/src/token04';

const SECRET = '0123456789abcdef0123456789abcdef';
const CONNECTIONS = 50;
const HTTP_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const INPROCESS_MS = 1500;

function benchInProcess(): number {
  const payload = '{"room_id":"bench","privilege":{"1":1,"2":1},"stream_id_list":null}';
  const input = {
    appId: 1234567890,
    userId: 'bench_user',
    secret: SECRET,
    effectiveTimeInSeconds: 3600,
    payload,
  };
  for (let i = 0; i < 2000; i += 1) generateToken04(input); // warm-up
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < INPROCESS_MS) {
    for (let i = 0; i < 500; i += 1) generateToken04(input);
    count += 500;
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

async function benchHttp(): Promise<autocannon.Result> {
  const config: ServerConfig = {
    zegoAppId: 1234567890,
    zegoServerSecret: SECRET,
    host: '127.0.0.1',
    port: 0,
    tokenTtlSeconds: 3600,
    authMode: 'dev',
    rateLimitPerIp: 1_000_000_000,
    rateLimitPerUser: 1_000_000_000,
    trustProxy: false,
    logLevel: 'silent',
    wechat: null,
    redisUrl: null,
    roomOwnerTtlSeconds: 300,
    cohostLimit: 3,
  };
  const app = await buildServer(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  try {
    const headers = { 'content-type': 'application/json' };
    return await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: HTTP_SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/v1/token',
          headers,
          body: '{"userID":"bench_host","roomID":"bench","role":"host"}',
        },
        { method: 'POST', path: '/v1/token', headers, body: '{"userID":"bench_viewer","roomID":"bench"}' },
        { method: 'POST', path: '/v1/token', headers, body: '{"userID":"bench_chat"}' },
      ],
    });
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
  const perSecond = benchInProcess();
  console.log(`Token04 generation, in-process: ${Math.round(perSecond).toLocaleString('en')} tokens/s`);

  console.log(`POST /v1/token on 127.0.0.1, ${CONNECTIONS} connections, ${HTTP_SECONDS} s (autocannon) …`);
  const result = await benchHttp();
  console.log(`  requests/s  mean ${Math.round(result.requests.mean).toLocaleString('en')}`);
  console.log(
    `  latency     p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(
    `  responses   ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
