import { css } from 'lit';

/**
 * Styles for figures drawn by renderFigure() inside a shadow root: uPlot's layout rules (its own
 * stylesheet cannot reach into shadow DOM) and matplotlib's look: white paper, dark ink, in both
 * themes, as a matplotlib PNG looks in a dark notebook.
 */
export const figureStyles = css`
  .figure {
    display: inline-grid;
    gap: 0.5rem;
    max-width: 100%;
    padding: 0.5rem;
    background: #ffffff;
    color: #1b1f24;
    border-radius: 4px;
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      sans-serif;
  }
  .suptitle {
    text-align: center;
    font-weight: 600;
  }
  .axes {
    min-width: 0;
  }
  .uplot,
  .uplot * {
    box-sizing: border-box;
  }
  .uplot {
    line-height: 1.5;
    width: min-content;
  }
  .u-title {
    text-align: center;
    font-size: 15px;
    font-weight: 600;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under,
  .u-axis,
  .u-select {
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
  .u-select,
  .u-cursor-x,
  .u-cursor-y,
  .u-cursor-pt,
  .u-off {
    display: none;
  }
  .figure-error {
    margin: 0;
    padding: 1rem;
    color: #b42318;
  }
  .legend {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.25rem 1rem;
    margin: 0.25rem 0 0;
    padding: 0;
    font-size: 13px;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .colorbar {
    margin: 0.25rem 2.5rem 0;
    font-size: 12px;
  }
  .colorbar .ramp {
    height: 0.75rem;
    border: 1px solid #1b1f24;
  }
  .colorbar .ticks {
    display: flex;
    justify-content: space-between;
  }
  .legend .swatch {
    display: inline-block;
    width: 1.6rem;
    height: 0;
  }
`;
