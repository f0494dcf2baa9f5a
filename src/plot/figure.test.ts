import { expect } from '@open-wc/testing';
import type { FigureSpec } from '../protocol/figure.js';
import { describeFigure, renderFigure } from './figure.js';
import { resolveColor } from './figure-colors.js';

const f1 = (x: number) => 3 - x + (x / 2) ** 2;
const f2 = (x: number) => 3 - (x / 2) ** 2;
const xs = Array.from({ length: 60 }, (_, i) => -3 + i * 0.1);

/** The lesson's section 3 figure: f1 in red, f2 in blue, tangent arrows at x = -1. */
const lesson: FigureSpec = {
  rows: 1,
  cols: 1,
  axes: [
    {
      items: [
        { kind: 'line', x: xs, y: xs.map(f1), color: 'red' },
        { kind: 'line', x: xs, y: xs.map(f2), color: 'blue' },
        { kind: 'arrow', x: -2.5, y: f1(-1) + 1.5 * 1.5, dx: 3, dy: -4.5, linewidth: 2 },
        { kind: 'arrow', x: -2.5, y: f2(-1) - 1.5 * 0.5, dx: 3, dy: 1.5, linewidth: 2 },
      ],
    },
  ],
};

/** Counts the canvas pixels near an RGB colour. */
function countColor(host: HTMLElement, rgb: [number, number, number]): number {
  const canvas = host.querySelector('canvas')!;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs(data[i] - rgb[0]) < 40 &&
      Math.abs(data[i + 1] - rgb[1]) < 40 &&
      Math.abs(data[i + 2] - rgb[2]) < 40 &&
      data[i + 3] > 200
    )
      n++;
  }
  return n;
}

/** uPlot draws in a microtask after construction. */
const drawn = () => new Promise((resolve) => requestAnimationFrame(resolve));

function mount(): HTMLElement {
  const host = document.createElement('div');
  host.style.width = '640px';
  document.body.append(host);
  return host;
}

describe('renderFigure', () => {
  it('resolves matplotlib colours', () => {
    expect(resolveColor('r', 'x')).to.equal('#ff0000');
    expect(resolveColor('g', 'x')).to.equal('#008000');
    expect(resolveColor('C1', 'x')).to.equal('#ff7f0e');
    expect(resolveColor('tab:blue', 'x')).to.equal('#1f77b4');
    expect(resolveColor('0.5', 'x')).to.equal('rgb(128, 128, 128)');
    expect(resolveColor('red', 'x')).to.equal('red');
    expect(resolveColor(undefined, '#123456')).to.equal('#123456');
  });

  it("draws the lesson's two functions and tangent arrows, with a text alternative", async () => {
    const host = mount();
    const view = renderFigure(host, lesson);
    await drawn();
    try {
      expect(countColor(host, [255, 0, 0]), 'red pixels of f1').to.be.greaterThan(200);
      expect(countColor(host, [0, 0, 255]), 'blue pixels of f2').to.be.greaterThan(200);
      expect(countColor(host, [0x1f, 0x77, 0xb4]), 'C0 pixels of the arrows').to.be.greaterThan(100);
      const img = host.querySelector('[role="img"]')!;
      expect(img.getAttribute('aria-label')).to.equal(view.description);
      expect(view.description).to.contain('a red line through 60 points');
      expect(view.description).to.contain('a blue line through 60 points');
      expect(view.description).to.contain('a blue arrow from (-2.5, 6.5) to (0.5, 2), slope -1.5');
    } finally {
      view.destroy();
      host.remove();
    }
  });

  it('keeps limits, labels, title, grid, reference lines and a legend', async () => {
    const host = mount();
    const figure: FigureSpec = {
      rows: 1,
      cols: 1,
      axes: [
        {
          title: 'Loss',
          xlabel: 'step',
          ylabel: 'value',
          xlim: [0, 10],
          ylim: [-1, 1],
          grid: true,
          legend: true,
          items: [
            { kind: 'line', x: [0, 5, 10], y: [1, 0, -1], label: 'descent', linestyle: '--' },
            { kind: 'axhline', value: 0, color: 'k', linestyle: ':' },
            { kind: 'axvline', value: 5, color: 'g' },
          ],
        },
      ],
    };
    const view = renderFigure(host, figure);
    await drawn();
    try {
      expect(host.querySelector('.u-title')!.textContent).to.equal('Loss');
      expect([...host.querySelectorAll('.legend li')].map((li) => li.textContent)).to.deep.equal(['descent']);
      expect(countColor(host, [0, 0x80, 0]), 'green axvline').to.be.greaterThan(50);
      expect(view.description).to.contain('x axis "step" from 0 to 10, y axis "value" from -1 to 1');
      expect(view.description).to.contain('a black horizontal line at y = 0');
      expect(describeFigure(figure)).to.equal(view.description);
    } finally {
      view.destroy();
      host.remove();
    }
  });

  it('lays out subplots and does not let HTML in labels become markup', async () => {
    const host = mount();
    const axes = { title: '<b>bold</b>', items: [{ kind: 'scatter' as const, x: [1, 2], y: [3, 4] }] };
    const view = renderFigure(host, {
      rows: 1,
      cols: 2,
      axes: [axes, { ...axes, title: 'second' }],
      suptitle: 'Two',
    });
    await view.ready;
    try {
      expect(host.querySelectorAll('.uplot')).to.have.length(2);
      expect(host.querySelector('b')).to.equal(null);
      expect(host.querySelector('.u-title')!.textContent).to.equal('<b>bold</b>');
      expect(view.description).to.match(/^Figure "Two". Plot 1 "<b>bold<\/b>"/);
    } finally {
      view.destroy();
      host.remove();
    }
  });

  it('draws 200,000 points in one axes without overflowing the stack, and describes them', async () => {
    const host = mount();
    const n = 200_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 1000));
    const view = renderFigure(host, { rows: 1, cols: 1, axes: [{ items: [{ kind: 'line', x, y }] }] });
    await view.ready;
    await drawn();
    try {
      expect(host.querySelector('canvas')).to.not.equal(null);
      expect(host.querySelector('.figure-error')).to.equal(null);
      expect(view.description).to.contain('line through 200000 points, x 0 to 200000, y -1 to 1');
    } finally {
      view.destroy();
      host.remove();
    }
  });

  it('draws a 10 × 10 grid a few charts per frame, all of them in the end', async () => {
    const host = mount();
    const axes = Array.from({ length: 100 }, (_, i) => ({
      items: [{ kind: 'line' as const, x: [0, 1], y: [0, i] }],
    }));
    const view = renderFigure(host, { rows: 10, cols: 10, axes });
    const drawnAtOnce = host.querySelectorAll('.uplot').length;
    try {
      expect(drawnAtOnce).to.be.below(100);
      await view.ready;
      expect(host.querySelectorAll('.uplot')).to.have.length(100);
    } finally {
      view.destroy();
      host.remove();
    }
  });

  it('destroying a figure cancels the charts not drawn yet', async () => {
    const host = mount();
    const axes = Array.from({ length: 100 }, () => ({ items: [] }));
    const view = renderFigure(host, { rows: 10, cols: 10, axes });
    view.destroy();
    await view.ready;
    await drawn();
    await drawn();
    expect(host.querySelectorAll('.uplot')).to.have.length(0);
    host.remove();
  });
});
