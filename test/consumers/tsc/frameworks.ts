// The Vue and Svelte typings: their template types list torchlet's tags with typed props and events.
import type {} from 'torchlet/svelte';
import type {} from 'torchlet/vue';
import type { SvelteHTMLElements } from 'svelte/elements';
import type { GlobalComponents } from 'vue';
import type { RunEndDetail } from 'torchlet';

type SvelteCell = SvelteHTMLElements['tensor-playground'];
export const svelteCell: SvelteCell = {
  value: 'print(1)',
  autorun: true,
  'ontp-run-end': (event: CustomEvent<RunEndDetail>) => console.log(event.detail.ok),
};
// @ts-expect-error: n is a number.
export const wrongSvelte: SvelteHTMLElements['gpu-speedup'] = { n: 'big' };

type VueCell = InstanceType<GlobalComponents['tensor-playground']>['$props'];
export const vueCell: VueCell = {
  code: 'print(1)',
  autorun: true,
  'onTp-run-end': (event) => console.log(event.detail.ok),
};
