// `import type {} from 'torchlet/svelte'`: torchlet's tags in Svelte 5 templates, with their
// attributes, properties and `on<event>` handlers.
import type { HTMLAttributes } from 'svelte/elements';
import type {
  EventHandlerProps,
  TorchletElementEvents,
  TorchletElementProps,
  TorchletElements,
} from './index.js';

type TorchletSvelteElements = {
  [Tag in keyof TorchletElements]: HTMLAttributes<TorchletElements[Tag]> &
    TorchletElementProps[Tag] &
    EventHandlerProps<TorchletElementEvents[Tag]>;
};

declare module 'svelte/elements' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds torchlet's tags to the framework's interface
  interface SvelteHTMLElements extends TorchletSvelteElements {}
}
