/**
 * `/metrics` on a port of its own (`OPENPCS_METRICS_PORT`), for a Prometheus scraper on the operator's network
 * that holds no API key. Answers only `GET /metrics`; everything else is a 404.
 */
import { createServer, type Server } from 'node:http';
import type { PlatformMetrics } from './ingest-metrics.js';
import { securityHeaders } from './security-headers.js';

export async function serveMetrics(metrics: PlatformMetrics, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(
      securityHeaders('/metrics', { docsPrefix: '/docs', behindTls: false }),
    )) {
      response.setHeader(name, value);
    }
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
