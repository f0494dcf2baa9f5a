// `import type {} from 'torchlet/vue'`: torchlet's tags as Vue global components, for Volar's
// template checking (Vue still needs `isCustomElement` to leave them to the browser).
import type { DefineComponent } from 'vue';
import type { TorchletElementEvents, TorchletElementProps, TorchletElements } from './index.js';

/** `@tp-run-end` in a template is the `onTp-run-end` prop to Vue's type checker. */
type VueEventProps<Events> = {
  [K in keyof Events as `on${Capitalize<K & string>}`]?: (event: Events[K]) => void;
};

type TorchletComponents = {
  [Tag in keyof TorchletElements]: DefineComponent<
    TorchletElementProps[Tag] & VueEventProps<TorchletElementEvents[Tag]>
  >;
};

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds torchlet's tags to the framework's interface
  interface GlobalComponents extends TorchletComponents {}
}
