import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** One file of the portal, read once at start: the page is a few small files. */
export interface PortalFile {
  body: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// Build by-products are not served: declarations, source maps (their sources are not served
// either) and tsc's build info.
const NOT_SERVED = /(\.d\.ts|\.map|\.tsbuildinfo)$/;

/** HTML is revalidated on every visit so a deploy shows at once; assets may be cached briefly. */
export function portalCacheControl(path: string): string {
  return path.endsWith('.html') ? 'no-cache' : 'public, max-age=300, must-revalidate';
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) => entry.isFile() && !entry.name.startsWith('.') && !NOT_SERVED.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

async function portalFile(path: string): Promise<PortalFile> {
  const body = await readFile(path);
  return {
    body,
    contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    cacheControl: portalCacheControl(path),
  };
}

/**
 * The portal's files by URL path: `<portalDir>/public` as it is and the compiled scripts of
 * `<portalDir>/dist`, with `/` for the page. A file in public wins over one of the same name in dist.
 */
export async function loadPortalFiles(portalDir: string): Promise<Map<string, PortalFile>> {
  const publicDir = join(portalDir, 'public');
  const distDir = join(portalDir, 'dist');
  if (!existsSync(join(publicDir, 'index.html'))) {
    throw new Error(`PORTAL_DIR ${portalDir} holds no public/index.html`);
  }
  if (!existsSync(join(distDir, 'app.js'))) {
    throw new Error(
      `PORTAL_DIR ${portalDir} holds no dist/app.js: build the portal first (npm run build)`,
    );
  }
  const files = new Map<string, PortalFile>();
  for (const root of [publicDir, distDir]) {
    for (const path of await filesUnder(root)) {
      const route = '/' + relative(root, path).split(sep).join('/');
      if (!files.has(route)) files.set(route, await portalFile(path));
    }
  }
  files.set('/', files.get('/index.html')!);
  return files;
}

function send(file: PortalFile, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('etag', file.etag).header('cache-control', file.cacheControl);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.header('content-type', file.contentType).send(file.body);
}

/**
 * Serves the portal at `/`. Only the files present at start become routes (no path from the
 * request ever reaches the file system), so any other path falls through to the API's 404 problem.
 */
export async function registerPortal(
  app: NestFastifyApplication,
  portalDir: string,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  for (const [url, file] of await loadPortalFiles(portalDir)) {
    fastify.route({
      method: ['GET', 'HEAD'],
      url,
      handler: (request, reply) => send(file, request, reply),
    });
  }
}
