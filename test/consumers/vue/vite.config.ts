import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue must be told which tags are custom elements (the one line of configuration Vue needs).
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })],
});
