// Figures of training lessons drawn for real: bars from zero, an image cell by cell through its
// colour map with row 0 on top, a scatter coloured by class, a loss curve on a log axis, a colour bar.
import { expect } from '@open-wc/testing';
import type { FigureSpec } from '../protocol/figure.js';
import { colormapColor } from './colormaps.js';
import { logTicks, renderFigure, type FigureView } from './figure.js';

type RGB = [number, number, number];
const rgb = (hex: string): RGB => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
const near = (data: Uint8ClampedArray, i: number, c: RGB, tol = 12) =>
  Math.abs(data[i] - c[0]) <= tol &&
  Math.abs(data[i + 1] - c[1]) <= tol &&
  Math.abs(data[i + 2] - c[2]) <= tol;

/** The plot canvas' pixels, with helpers to find a colour's pixels and read one pixel. */
function pixels(host: HTMLElement) {
  const canvas = host.querySelector('canvas')!;
  const { width, height } = canvas;
  const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
  return {
    count(c: RGB): number {
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (near(data, i, c)) n++;
      return n;
    },
    /** [left, top, right, bottom] of the pixels of any of the colours */
    box(...cs: RGB[]): [number, number, number, number] {
      let [l, t, r, b] = [Infinity, Infinity, -Infinity, -Infinity];
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (!cs.some((c) => near(data, i, c))) continue;
          [l, t, r, b] = [Math.min(l, x), Math.min(t, y), Math.max(r, x), Math.max(b, y)];
        }
      return [l, t, r, b];
    },
    at(x: number, y: number): RGB {
      const i = (Math.round(y) * width + Math.round(x)) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    },
    /** rows holding colour c in pixel column x */
    rowsIn(x: number, c: RGB): number[] {
      const rows: number[] = [];
      for (let y = 0; y < height; y++) if (near(data, (y * width + Math.round(x)) * 4, c)) rows.push(y);
      return rows;
    },
  };
}

async function show(figure: FigureSpec, check: (host: HTMLElement, view: FigureView) => void): Promise<void> {
  const host = document.createElement('div');
  host.style.width = '640px';
  document.body.append(host);
  const view = renderFigure(host, figure);
  await view.ready;
  await new Promise((r) => requestAnimationFrame(r));
  try {
    check(host, view);
  } finally {
    view.destroy();
    host.remove();
  }
}

const one = (axes: FigureSpec['axes'][number]): FigureSpec => ({ rows: 1, cols: 1, axes: [axes] });

describe('figures of training lessons', () => {
  it('draws bars from zero with their heights, category names in the description', async () => {
    await show(
      one({
        items: [
          {
            kind: 'bar',
            x: [0, 1, 2],
            heights: [1, 3, 2],
            widths: [0.8, 0.8, 0.8],
            align: 'center',
            color: 'C0',
            categories: ['cat', 'dog', 'bird'],
          },
        ],
      }),
      (host, view) => {
        const p = pixels(host);
        const c0 = rgb('#1f77b4');
        const [left, top, right, bottom] = p.box(c0);
        // three bars of heights 1, 3, 2 over one baseline: the tallest reaches the top of the box
        const w = right - left;
        const heightAt = (f: number) => p.rowsIn(left + f * w, c0).length;
        const [h1, h3, h2] = [heightAt(0.12), heightAt(0.5), heightAt(0.88)];
        expect(h3).to.be.closeTo(bottom - top + 1, 2);
        expect(h1 / h3).to.be.closeTo(1 / 3, 0.03);
        expect(h2 / h3).to.be.closeTo(2 / 3, 0.03);
        // the y axis starts at 0 (bars are sticky there) and ends 5% above the tallest
        expect(view.description).to.contain('y axis from 0 to 3.15');
        expect(view.description).to.contain(
          '3 blue bars (cat, dog, bird) over x -0.4 to 2.4, heights 1, 3, 2',
        );
      },
    );
  });

  it('draws an image cell by cell through its colour map, row 0 on top, with a colour bar', async () => {
    const values = [0, 1, 2, 3];
    await show(
      one({
        items: [{ kind: 'image', rows: 2, cols: 2, values, cmap: 'viridis', vmin: 0, vmax: 3 }],
        colorbar: { cmap: 'viridis', vmin: 0, vmax: 3 },
      }),
      (host, view) => {
        const p = pixels(host);
        const colours = values.map((v) => rgb(colormapColor('viridis', v / 3)));
        const [left, top, right, bottom] = p.box(...colours);
        const at = (fx: number, fy: number) => p.at(left + fx * (right - left), top + fy * (bottom - top));
        expect(at(0.25, 0.25)).to.deep.equal(colours[0]);
        expect(at(0.75, 0.25)).to.deep.equal(colours[1]);
        expect(at(0.25, 0.75)).to.deep.equal(colours[2]);
        expect(at(0.75, 0.75)).to.deep.equal(colours[3]);
        expect(colours[0]).to.deep.equal(rgb('#440154'));
        expect(colours[3]).to.deep.equal(rgb('#fde725'));
        const ticks = [...host.querySelectorAll('.colorbar .ticks span')].map((s) => s.textContent);
        expect(ticks).to.deep.equal(['0', '1.5', '3']);
        expect(view.description).to.contain('a 2 × 2 image in the viridis colour map, values 0 to 3');
        expect(view.description).to.contain('with a colour bar from 0 to 3');
      },
    );
  });

  it('colours a scatter by class through viridis, no cycle colour', async () => {
    await show(
      one({
        items: [
          {
            kind: 'scatter',
            x: [0, 1, 0, 1],
            y: [0, 1, 1, 0],
            linestyle: '',
            marker: 'o',
            values: [0, 0, 1, 1],
            cmap: 'viridis',
            vmin: 0,
            vmax: 1,
          },
        ],
      }),
      (host, view) => {
        const p = pixels(host);
        expect(p.count(rgb('#440154')), 'class 0 (purple) marker pixels').to.be.greaterThan(100);
        expect(p.count(rgb('#fde725')), 'class 1 (yellow) marker pixels').to.be.greaterThan(100);
        expect(p.count(rgb('#1f77b4')), 'no C0 pixels').to.equal(0);
        expect(view.description).to.contain(
          'a scatter of 4 points, x 0 to 1, y 0 to 1, coloured by value (0 to 1)',
        );
      },
    );
  });

  it("labels a log axis' decades as matplotlib does (10⁻¹, 10⁰, 10³), between them only within a decade", () => {
    expect(logTicks([0.1, 0.2, 0.5, 1, 2, 5, 10, 1000])).to.deep.equal([
      '10⁻¹',
      '',
      '',
      '10⁰',
      '',
      '',
      '10¹',
      '10³',
    ]);
    expect(logTicks([0.02, 0.05, 0.1, 0.2])).to.deep.equal(['0.02', '0.05', '10⁻¹', '0.2']);
  });

  it('draws a loss curve on a log y axis as a straight line (semilogy)', async () => {
    const curve = (yscale?: 'log') =>
      one({ yscale, items: [{ kind: 'line', x: [0, 1, 2, 3], y: [1000, 100, 10, 1], color: 'C0' }] });
    const midpointOffset = (host: HTMLElement) => {
      const p = pixels(host);
      const c0 = rgb('#1f77b4');
      const [left, top, right, bottom] = p.box(c0);
      const rows = p.rowsIn((left + right) / 2, c0);
      return rows.reduce((a, b) => a + b, 0) / rows.length - (top + bottom) / 2;
    };
    await show(curve('log'), (host, view) => {
      // a power law is a straight line on a log axis: the curve's middle is the box's middle
      expect(Math.abs(midpointOffset(host))).to.be.below(4);
      expect(view.description).to.contain('y axis (log scale) from');
    });
    await show(curve(), (host) => {
      // on a linear axis the same values sag far below the middle
      expect(midpointOffset(host)).to.be.greaterThan(40);
    });
  });
});
