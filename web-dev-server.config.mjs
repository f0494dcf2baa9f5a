import { esbuildPlugin } from '@web/dev-server-esbuild';
import { tfjsPrebundle } from './config/tfjs-prebundle.mjs';
import { existsSync } from 'node:fs';
// A Worker is started by URL (`new URL('./worker.js', import.meta.url)`), not by an import the
// esbuild plugin rewrites: serve a missing /src/**/*.js from its .ts source (kernel engineer).
function tsForMissingJs(ctx, next) {
  const match =
    /^\/src\/.*\.js$/.test(ctx.path) &&
    !existsSync(`.${ctx.path}`) &&
    existsSync(`.${ctx.path.slice(0, -3)}.ts`);
  if (match) ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
  return next();
}

// Pages on another origin load the library as from a CDN (the kernel then starts its Worker from
// a blob URL that imports the module): modules must be served with CORS, as CDNs do.
function allowCrossOrigin(ctx, next) {
  ctx.set('Access-Control-Allow-Origin', '*');
  return next();
}

// `npm start` prints http://127.0.0.1:PORT/: that address opens the demo lesson (demo/index.html).
function rootToLesson(ctx, next) {
  if (ctx.path === '/') return ctx.redirect('/demo/');
  return next();
}

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 8000),
  open: false,
  appIndex: 'demo/index.html',
  nodeResolve: { exportConditions: ['browser', 'production'] },
  middleware: [rootToLesson, allowCrossOrigin, tsForMissingJs],
  plugins: [tfjsPrebundle(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
};
