// Where there is no DOM (SSR, SSG) the module still imports: the class extends a stand-in.
const ElementBase = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

/**
 * @summary One curve of a `<gradient-plot>`: a Python expression in `x`, or the name of a function
 * the plot's slotted `<script type="text/x-python">` defines. Holds data only (the plot watches
 * its attributes); it renders nothing.
 *
 * @attr fn - The function's value as a Python expression in `x`, e.g. `3 - x + (x/2)**2`.
 * @attr name - The Python name of the function: with `fn`, what the code view calls it (default
 *   `f1`, `f2`, ... by position); without `fn`, a function defined in the plot's script.
 * @attr label - What the legend, readout and table call the curve (default: its name).
 * @attr color - One CSS colour for the curve and its tangent (default: red, blue, green, ...);
 *   anything the browser does not parse as a single colour is refused with a message.
 */
export class GpFunction extends ElementBase {
  connectedCallback(): void {
    this.hidden = true;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('gp-function'))
  customElements.define('gp-function', GpFunction);

declare global {
  interface HTMLElementTagNameMap {
    'gp-function': GpFunction;
  }
}
