// The built files (/dist/**) and the end-to-end fixtures (/test/e2e/fixtures/**) served as a CDN
// serves them: bytes from disk, no dev-server transforms, with CORS so that an opaque-origin
// (sandboxed) page and another origin can load them as modules; under /nocors/ the same files come
// without CORS, as from a host that was not set up for it.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { MIME_TYPES } from '../../config/mime-types.mjs';

const ROOTS = ['/dist/', '/test/e2e/fixtures/'];

/** The same files under /nocors/…, served as a misconfigured host does: without CORS headers. */
const NO_CORS = '/nocors';

export async function serveStatic(ctx, next) {
  const cors = !ctx.path.startsWith(`${NO_CORS}/`);
  const path = cors ? ctx.path : ctx.path.slice(NO_CORS.length);
  if (!ROOTS.some((root) => path.startsWith(root))) return next();
  const file = join(process.cwd(), normalize(decodeURIComponent(path)));
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return next();
  // Answered here, so no later middleware adds the header to a /nocors/ file.
  if (cors) ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Cache-Control', 'no-cache');
  ctx.type = MIME_TYPES[extname(file)] ?? 'application/octet-stream';
  ctx.body = await readFile(file);
}
