import { esbuildPlugin } from '@web/dev-server-esbuild';
import { tfjsPrebundle } from './config/tfjs-prebundle.mjs';

export default {
  rootDir: '.',
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 8000),
  open: false,
  appIndex: 'demo/index.html',
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [tfjsPrebundle(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
};
