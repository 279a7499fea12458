/**
 * The community portal (`web/`, built by Vite into `web/dist/`) served at `/`: `GET /` is its page and
 * `GET /assets/{file}` its hashed scripts, styles, MapLibre worker and basemap geometry. The files are listed
 * once at start-up, so only a file the build wrote can be answered (no path is ever joined from the request);
 * each is read and gzipped on its first request and kept. Assets are immutable (their names carry a hash);
 * the page is revalidated. Without a build (`npm run build:web` not run) `/` keeps redirecting to the API
 * reference and `/assets/*` answers 404. Both routes are public: the portal holds no data, the API decides
 * what each caller sees.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACCESS } from '../access/route-access.js';
import { packageRoot } from '../geo/geo-data-path.js';
import { problem } from './problem.js';

/** Where `vite build --config web/vite.config.ts` writes the portal. */
export function portalDistDir(): string {
  return join(packageRoot(), 'web', 'dist');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Below this size a file is sent as it is. */
const GZIP_MIN_BYTES = 1024;

interface StaticFile {
  readonly contentType: string;
  body?: Buffer;
  gzipped?: Buffer;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

export interface PortalStaticOptions {
  /** The built portal (default `web/dist/` of the package). */
  readonly dir?: string | undefined;
  /** Where `/` sends callers when no portal was built. */
  readonly fallback: string;
}

export const portalStatic: FastifyPluginAsyncZod<PortalStaticOptions> = async (app, options) => {
  const dir = options.dir ?? portalDistDir();
  const index = join(dir, 'index.html');
  const built = existsSync(index);
  const assets = new Map<string, StaticFile>();
  const assetDir = join(dir, 'assets');
  if (built && existsSync(assetDir)) {
    for (const entry of readdirSync(assetDir, { withFileTypes: true })) {
      const type = CONTENT_TYPES[extension(entry.name)];
      if (entry.isFile() && type) assets.set(entry.name, { contentType: type });
    }
  }
  const page: StaticFile = { contentType: CONTENT_TYPES['.html']! };

  const send = (request: FastifyRequest, reply: FastifyReply, file: StaticFile, path: string, immutable: boolean) => {
    file.body ??= readFileSync(path);
    reply
      .type(file.contentType)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('vary', 'accept-encoding');
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && file.body.length >= GZIP_MIN_BYTES) {
      file.gzipped ??= gzipSync(file.body, { level: 9 });
      return reply.header('content-encoding', 'gzip').send(file.gzipped);
    }
    return reply.send(file.body);
  };

  app.get('/', { schema: { hide: true }, config: { access: ACCESS.public } }, (request, reply) =>
    built ? send(request, reply, page, index, false) : reply.redirect(options.fallback),
  );

  app.get(
    '/assets/:file',
    {
      schema: { hide: true, params: z.object({ file: z.string().min(1).max(100) }) },
      config: { access: ACCESS.public },
    },
    (request, reply) => {
      const { file } = request.params;
      const asset = assets.get(file);
      if (!asset) {
        throw problem('PCS_PORTAL_ASSET_NOT_FOUND', `no portal file ${file}`, [
          { pointer: '/params/file', detail: 'not a file of the built portal' },
        ]);
      }
      return send(request, reply, asset, join(assetDir, file), true);
    },
  );
};
