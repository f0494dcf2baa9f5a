// A plain static file server for the benchmarks and manual checks: files as they are on disk (no
// transforms), with CORS as a CDN sends it, on 127.0.0.1. `node bench/lib/static-server.mjs [port]`
// serves the repository root.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MIME_TYPES } from '../../config/mime-types.mjs';

/**
 * Serves `root` on 127.0.0.1:`port` (0: any free port). `headers(path)` adds response headers
 * (e.g. a Content-Security-Policy for one page). Resolves with the server and its base URL.
 */
export function serve(root, { port = 0, headers = () => ({}) } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(base, normalize(path));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
      'cache-control': 'no-cache',
      ...headers(path),
    });
    res.end(body);
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await serve('.', { port: Number(process.argv[2] ?? 8080) });
  console.log(`serving ${process.cwd()} at ${url}/`);
}
