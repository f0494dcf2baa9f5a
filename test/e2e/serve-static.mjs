// The built files (/dist/**) and the end-to-end fixtures (/test/e2e/fixtures/**) served as a CDN
// serves them: bytes from disk, no dev-server transforms, with CORS so that an opaque-origin
// (sandboxed) page and another origin can load them as modules.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { MIME_TYPES } from '../../config/mime-types.mjs';

const ROOTS = ['/dist/', '/test/e2e/fixtures/'];

export async function serveStatic(ctx, next) {
  if (!ROOTS.some((root) => ctx.path.startsWith(root))) return next();
  const file = join(process.cwd(), normalize(decodeURIComponent(ctx.path)));
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return next();
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-cache');
  ctx.type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
  ctx.body = await readFile(file);
}
