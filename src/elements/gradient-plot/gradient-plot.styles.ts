import { css } from 'lit';

export const gradientPlotStyles = css`
  :host {
    --_plot-height: var(--gradient-plot-height, 320px);
    --_warn-bg: color-mix(in srgb, var(--_warn) 12%, var(--_bg));
    --_error-bg: color-mix(in srgb, var(--_error) 10%, var(--_bg));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    font-size: 0.9375rem;
    line-height: 1.4;
  }
  .plot {
    position: relative;
    height: var(--_plot-height);
    touch-action: none;
  }
  .chart {
    position: absolute;
    inset: 0;
  }
  .handle {
    position: absolute;
    width: 22px;
    height: 22px;
    margin: -11px 0 0 -11px;
    border-radius: 50%;
    border: 3px solid var(--_fg);
    background: var(--_bg);
    box-sizing: border-box;
    cursor: grab;
    touch-action: none;
    z-index: 2;
  }
  .handle[hidden] {
    display: none;
  }
  .handle:active {
    cursor: grabbing;
  }
  .handle:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.25rem 0 0.5rem;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
  }
  .swatch {
    display: inline-block;
    width: 1.25em;
    height: 0;
    border-top: 3px solid currentColor;
    vertical-align: middle;
    margin-right: 0.35em;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
    margin: 0.5rem 0;
  }
  .controls label {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  input[type='range'] {
    width: min(22rem, 60vw);
    accent-color: var(--_accent);
  }
  input[type='checkbox'] {
    width: 1.1rem;
    height: 1.1rem;
    accent-color: var(--_accent);
  }
  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    font-size: 0.875rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 0.25rem;
  }
  th,
  td {
    border-bottom: 1px solid var(--_border);
    padding: 0.2rem 0.6rem;
    text-align: right;
  }
  th:first-child,
  td.name {
    text-align: left;
  }
  td.equation {
    font-family: var(--_mono);
    text-align: left;
  }
  tr.warning td {
    background: var(--_warn-bg);
  }
  tr.current td {
    font-weight: 600;
  }
  .messages {
    margin: 0.5rem 0;
  }
  .message {
    margin: 0.25rem 0;
    padding: 0.35rem 0.6rem;
    border-radius: var(--_radius);
    border-left: 4px solid;
  }
  .message.error {
    border-color: var(--_error);
    background: var(--_error-bg);
  }
  .message.warning {
    border-color: var(--_warn);
    background: var(--_warn-bg);
  }
  .message.info {
    border-color: var(--_border);
    background: var(--_surface);
  }
  .message code,
  .status code {
    font-family: var(--_mono);
  }
  .status {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  details {
    margin-top: 0.5rem;
  }
  summary {
    cursor: pointer;
    color: var(--_fg);
  }
  pre {
    margin: 0.4rem 0 0;
    padding: 0.6rem 0.75rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-family: var(--_mono);
    font-size: 0.8125rem;
    overflow-x: auto;
  }
  .exercise {
    margin-top: 0.75rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* uPlot's own layout rules, inside the shadow root (its stylesheet cannot reach here). */
  .uplot,
  .uplot * {
    box-sizing: border-box;
  }
  .uplot {
    font-family: var(--_font);
    line-height: 1.5;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-axis {
    position: absolute;
  }
  .u-over {
    cursor: crosshair;
    touch-action: none;
  }
`;
