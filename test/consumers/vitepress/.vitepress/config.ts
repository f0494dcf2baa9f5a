import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'torchlet in VitePress',
  head: [['link', { rel: 'icon', href: 'data:,' }]],
  // Vue must be told which tags are custom elements.
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } },
});
