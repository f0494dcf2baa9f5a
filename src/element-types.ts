// Types for framework templates (React JSX, Vue, Svelte): what each tag takes, as attributes or
// properties, and the events it fires. The framework files (types/react.d.ts, types/vue.d.ts,
// types/svelte.d.ts, shipped as torchlet/react, torchlet/vue, torchlet/svelte) build on these.
import type {
  GpuSpeedup,
  GsErrorDetail,
  GsProgressDetail,
  GsResultDetail,
} from './elements/gpu-speedup/gpu-speedup.js';
import type { GpFunction } from './elements/gradient-plot/gp-function.js';
import type { GradientPlot, GradientPlotChangeDetail } from './elements/gradient-plot/gradient-plot.js';
import type {
  CheckDetail,
  RunEndDetail,
  RunStartDetail,
  TensorPlayground,
} from './elements/tensor-playground/tensor-playground.js';
import type { SpeedupCpuBackend, SpeedupGpuBackend } from './protocol/speedup.js';

export type Theme = 'light' | 'dark';

export interface TensorPlaygroundProps {
  session?: string;
  device?: 'cpu' | 'cuda';
  readonly?: boolean;
  autorun?: boolean;
  persist?: string;
  theme?: Theme;
  src?: string;
  hint?: string;
  /** The starting code, for frameworks that drop `<script>` children. */
  code?: string;
  /** The code (a property: kept when set before the element connects). */
  value?: string;
}

export interface GpuSpeedupProps {
  n?: number;
  repeats?: number;
  sweep?: boolean;
  'min-n'?: number;
  'max-n'?: number;
  'gpu-backend'?: SpeedupGpuBackend;
  'cpu-backend'?: SpeedupCpuBackend;
  naive?: boolean;
  'time-limit'?: number;
  refine?: number;
  autorun?: boolean;
  theme?: Theme;
}

export interface GradientPlotProps {
  fn?: string;
  x?: number;
  'x-min'?: number;
  'x-max'?: number;
  step?: number;
  accumulate?: boolean;
  device?: 'cpu' | 'cuda';
  theme?: Theme;
  exercise?: boolean;
}

export interface GpFunctionProps {
  fn?: string;
  name?: string;
  label?: string;
  color?: string;
}

/** Each tag's class. */
export interface TorchletElements {
  'tensor-playground': TensorPlayground;
  'gpu-speedup': GpuSpeedup;
  'gradient-plot': GradientPlot;
  'gp-function': GpFunction;
}

/** Each tag's attributes and properties. */
export interface TorchletElementProps {
  'tensor-playground': TensorPlaygroundProps;
  'gpu-speedup': GpuSpeedupProps;
  'gradient-plot': GradientPlotProps;
  'gp-function': GpFunctionProps;
}

/** Each tag's events (they bubble and cross shadow roots). */
export interface TorchletElementEvents {
  'tensor-playground': {
    'tp-run-start': CustomEvent<RunStartDetail>;
    'tp-run-end': CustomEvent<RunEndDetail>;
    'tp-check': CustomEvent<CheckDetail>;
  };
  'gpu-speedup': {
    'gs-progress': CustomEvent<GsProgressDetail>;
    'gs-result': CustomEvent<GsResultDetail>;
    'gs-error': CustomEvent<GsErrorDetail>;
  };
  'gradient-plot': {
    'gp-change': CustomEvent<GradientPlotChangeDetail>;
  };
  'gp-function': Record<never, never>;
}

/** `on<event>` props (React 19 and Svelte 5 listen to a custom element's events this way). */
export type EventHandlerProps<Events> = {
  [K in keyof Events as `on${K & string}`]?: (event: Events[K]) => void;
};
