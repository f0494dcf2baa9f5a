import { css } from 'lit';

export const gpuSpeedupStyles = css`
  :host {
    --gs-cpu-color: var(--torchlet-cpu-color, #0969da);
    --gs-gpu-color: var(--torchlet-gpu-color, #b3261e);
    --gs-chart-height: 220px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    line-height: 1.45;
  }
  :host([theme='dark']) {
    --gs-cpu-color: var(--torchlet-cpu-color, #58a6ff);
    --gs-gpu-color: var(--torchlet-gpu-color, #ff7b72);
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  .labels {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15rem 0.6rem;
    margin: 0 0 0.5rem;
    font-size: 0.875rem;
  }
  .labels dt {
    font-weight: 600;
  }
  .labels dd {
    margin: 0;
    font-family: var(--_mono);
  }
  .note {
    margin: 0.25rem 0 0.5rem;
    padding: 0.35rem 0.6rem;
    border-left: 3px solid var(--_warn);
    background: var(--_surface);
    font-size: 0.875rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .controls label {
    display: flex;
    flex-direction: column;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  input {
    font: inherit;
    font-size: 0.875rem;
    width: 6.5rem;
    padding: 0.25rem 0.4rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    min-height: 1.5rem;
    font-size: 0.875rem;
  }
  progress {
    flex: 0 1 14rem;
    accent-color: var(--_accent);
  }
  .status {
    color: var(--_muted);
  }
  .error {
    color: var(--_error);
    font-weight: 600;
    margin: 0.35rem 0;
  }
  .summary {
    margin: 0.5rem 0;
  }
  .summary p {
    margin: 0.2rem 0;
  }
  .speedup {
    font-size: 1.15rem;
    font-weight: 700;
  }
  .verdict {
    font-weight: 600;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
    gap: 0.75rem;
    margin: 0.5rem 0;
  }
  figure {
    margin: 0;
    min-width: 0;
  }
  figcaption {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .chart {
    min-height: var(--gs-chart-height);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 0.8rem;
    margin: 0.2rem 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.8rem;
  }
  .swatch {
    display: inline-block;
    width: 1.4rem;
    height: 0;
    margin-right: 0.3rem;
    vertical-align: middle;
    border-top: 2px solid currentColor;
  }
  .swatch.dashed {
    border-top-style: dashed;
  }
  .cpu {
    color: var(--gs-cpu-color);
  }
  .gpu {
    color: var(--gs-gpu-color);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-size: 0.8rem;
    font-variant-numeric: tabular-nums;
    margin: 0.5rem 0;
  }
  caption {
    text-align: left;
    color: var(--_muted);
    padding-bottom: 0.25rem;
  }
  th,
  td {
    border-bottom: 1px solid var(--_border);
    padding: 0.2rem 0.5rem;
    text-align: right;
    white-space: nowrap;
  }
  th {
    font-weight: 600;
  }
  thead th {
    white-space: normal;
    vertical-align: bottom;
  }
  .spread {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .footer {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
  }
  /* uPlot's own layout rules, needed inside this shadow root. */
  .uplot {
    position: relative;
    font-family: var(--_font);
    font-size: 0.75rem;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-axis {
    position: absolute;
  }
  .u-label {
    position: absolute;
    white-space: nowrap;
  }
  .u-select,
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt {
    display: none;
  }
`;
