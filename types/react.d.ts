// `import type {} from 'torchlet/react'` (or a reference to it): torchlet's tags in React's JSX,
// with their attributes, properties and `on<event>` handlers as React 19 passes them.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  EventHandlerProps,
  TorchletElementEvents,
  TorchletElementProps,
  TorchletElements,
} from './index.js';

type TorchletJSX = {
  [Tag in keyof TorchletElements]: DetailedHTMLProps<
    HTMLAttributes<TorchletElements[Tag]>,
    TorchletElements[Tag]
  > &
    TorchletElementProps[Tag] &
    EventHandlerProps<TorchletElementEvents[Tag]>;
};

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds torchlet's tags to the framework's interface
    interface IntrinsicElements extends TorchletJSX {}
  }
}
