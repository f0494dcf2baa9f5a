import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import './gradient-plot.js';
import type { DrawnTangent, GradientPlot } from './gradient-plot.js';
import { LESSON_EXERCISE_CODE } from './snippets.js';
import '../tensor-playground/tensor-playground.js';
import type { TensorPlayground } from '../tensor-playground/tensor-playground.js';

const slopeOf = (t: DrawnTangent) => (t.y2 - t.y1) / (t.x2 - t.x1);

function messages(el: GradientPlot): string[] {
  return [...el.shadowRoot!.querySelectorAll('.message')].map((m) =>
    m.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

function readoutRows(el: GradientPlot): string[][] {
  return [...el.shadowRoot!.querySelectorAll('table.readout tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
  );
}

async function plot(template: ReturnType<typeof html>): Promise<GradientPlot> {
  const el = await fixture<GradientPlot>(template);
  await el.settled();
  return el;
}

for (const device of ['cpu', 'cuda'] as const) {
  describe(`<gradient-plot> on ${device}`, function () {
    this.timeout(120000);

    it('draws the lesson tangents at x = -1: slopes -1.5 and 0.5 from autograd', async () => {
      const el = await plot(html`<gradient-plot device=${device}></gradient-plot>`);
      expect(el.computedOn).to.match(device === 'cpu' ? /^cpu \((wasm|cpu)\)$/ : /^cuda \(webgpu\)$/);
      expect(el.curves.map((c) => c.label)).to.deep.equal(['f1', 'f2']);
      expect(el.drawnTangents).to.have.length(2);
      const [t1, t2] = el.drawnTangents;
      expect(slopeOf(t1)).to.be.closeTo(-1.5, 1e-6);
      expect(slopeOf(t2)).to.be.closeTo(0.5, 1e-6);
      expect((t1.x1 + t1.x2) / 2).to.equal(-1);
      expect((t1.y1 + t1.y2) / 2).to.be.closeTo(4.25, 1e-6);
      expect((t2.y1 + t2.y2) / 2).to.be.closeTo(2.75, 1e-6);
      expect(t1.warning || t2.warning).to.equal(false);
      expect(readoutRows(el)).to.deep.equal([
        ['f1', '-1.0', '4.25', '-1.5', 'y = -1.5x + 2.75'],
        ['f2', '-1.0', '2.75', '0.5', 'y = 0.5x + 3.25'],
      ]);
      expect(messages(el)).to.deep.equal([]);
    });

    it('without the reset f2 gets the accumulated -1.0, drawn as a warning and explained', async () => {
      const el = await plot(html`<gradient-plot device=${device}></gradient-plot>`);
      const toggle = el.shadowRoot!.querySelector<HTMLInputElement>('input[role="switch"]')!;
      expect(toggle.checked).to.equal(true);
      const changed = oneEvent(el, 'gp-change');
      toggle.click();
      const { detail } = await changed;
      expect(detail).to.deep.equal({ x: -1, slopes: [-1.5, -1], values: [4.25, 2.75], reset: false });
      await el.settled();
      const [t1, t2] = el.drawnTangents;
      expect(slopeOf(t1)).to.be.closeTo(-1.5, 1e-6);
      expect(slopeOf(t2)).to.be.closeTo(-1.0, 1e-6);
      expect([t1.warning, t2.warning]).to.deep.equal([false, true]);
      expect(readoutRows(el)[1].slice(3)).to.deep.equal(['-1.0', 'y = -x + 1.75']);
      expect(messages(el)).to.deep.equal([
        'f2: slope -1.0 drawn instead of 0.5, because x.grad still held -1.5 from before: backward() adds to x.grad until x.grad.zero_().',
      ]);
      const code = el.shadowRoot!.querySelector('[part="code"] code')!.textContent!;
      expect(code).to.contain('# x.grad.zero_()');
      expect(code).to.contain('f2_grad = x.grad.item()   # -1.0');
    });
  });
}

describe('<gradient-plot> interaction', function () {
  this.timeout(120000);

  it('moves the point with the arrow keys and recomputes the slopes', async () => {
    const el = await plot(html`<gradient-plot></gradient-plot>`);
    const handle = el.shadowRoot!.querySelector<HTMLElement>('[part="handle"]')!;
    expect(handle.getAttribute('role')).to.equal('slider');
    handle.focus();
    const changed = oneEvent(el, 'gp-change');
    await sendKeys({ press: 'ArrowRight' });
    const { detail } = await changed;
    await el.settled();
    expect(el.x).to.equal(-0.9);
    expect(detail.x).to.equal(-0.9);
    // f1'(x) = -1 + x/2, f2'(x) = -x/2
    expect(detail.slopes[0]).to.be.closeTo(-1.45, 1e-6);
    expect(detail.slopes[1]).to.be.closeTo(0.45, 1e-6);
    expect(handle.getAttribute('aria-valuetext')).to.equal('x = -0.9, slope of f1 -1.45, slope of f2 0.45');
    await sendKeys({ press: 'End' });
    await el.settled();
    expect(el.x).to.equal(3);
    expect(el.tangents[0]!.slope).to.be.closeTo(0.5, 1e-6);
    expect(el.tangents[1]!.slope).to.be.closeTo(-1.5, 1e-6);
  });

  it('drags the point with the mouse', async () => {
    const el = await plot(html`<gradient-plot></gradient-plot>`);
    // Let the chart follow the last layout change (a page scrollbar) before measuring it.
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    const handle = el.shadowRoot!.querySelector<HTMLElement>('[part="handle"]')!.getBoundingClientRect();
    const over = el.shadowRoot!.querySelector<HTMLElement>('.u-over')!.getBoundingClientRect();
    // The handle sits on f1 at x = -1.
    expect(handle.left + handle.width / 2).to.be.closeTo(over.left + (over.width * 2) / 6, 1);
    const targetX = Math.round(over.left + (over.width * 4) / 6); // x = 1
    try {
      await sendMouse({
        type: 'move',
        position: [Math.round(handle.left + handle.width / 2), Math.round(handle.top + handle.height / 2)],
      });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [targetX - 40, Math.round(over.top + 30)] });
      await sendMouse({ type: 'move', position: [targetX, Math.round(over.top + 30)] });
      await sendMouse({ type: 'up' });
    } finally {
      await resetMouse();
    }
    await el.settled();
    expect(el.x).to.equal(1);
    expect(el.tangents.map((t) => t!.slope)).to.deep.equal([-0.5, -0.5]);
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('handle');
  });

  it('moves the point with the slider and tells the page', async () => {
    const el = await plot(html`<gradient-plot></gradient-plot>`);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="range"]')!;
    const changed = oneEvent(el, 'gp-change');
    slider.value = '2';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const { detail } = await changed;
    expect(detail).to.deep.equal({ x: 2, slopes: [0, -1], values: [2, 2], reset: true });
  });

  it('samples a function written for one number at a time point by point', async () => {
    const el = await plot(
      html`<gradient-plot x="1">
        <script type="text/x-python">
          def ramp(x):
              if x > 0:
                  return x * x
              return 0 * x
        </script>
      </gradient-plot>`,
    );
    expect(messages(el)).to.deep.equal([]);
    expect(el.tangents[0]!.slope).to.equal(2);
    const rows = [...el.shadowRoot!.querySelectorAll('[part="table"] tbody tr')].map((tr) =>
      tr.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(rows[0]).to.equal('-3.0 -0.0 0.0');
    expect(rows[12]).to.equal('3.0 9.0 6.0');
  });

  it('takes its functions from <gp-function> children and a Python script', async () => {
    const el = await plot(
      html`<gradient-plot x="1" x-min="-2" x-max="2">
        <script type="text/x-python">
          def cube(x):
              return x ** 3
        </script>
        <gp-function name="cube" color="green"></gp-function>
        <gp-function fn="x * x" label="square"></gp-function>
      </gradient-plot>`,
    );
    expect(el.curves.map((c) => [c.name, c.label, c.color])).to.deep.equal([
      ['cube', 'cube', 'green'],
      ['f2', 'square', '#1f77b4'],
    ]);
    expect(el.tangents.map((t) => t!.ownSlope)).to.deep.equal([3, 2]);
    expect(messages(el)).to.deep.equal([]);
  });

  it('names a labelled curve by its label alone in the legend and the table ("sin(x)", not "sin(x)(x)")', async () => {
    const el = await plot(
      html`<gradient-plot x="0.5">
        <gp-function fn="torch.sin(x)" label="sin(x)"></gp-function>
        <gp-function fn="x ** 2"></gp-function>
      </gradient-plot>`,
    );
    const legend = [...el.shadowRoot!.querySelectorAll('.legend li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(legend).to.deep.equal(['sin(x) = torch.sin(x)', 'f2(x) = x ** 2']);
    const headings = [...el.shadowRoot!.querySelectorAll('table thead th')].map((th) =>
      th.textContent!.trim(),
    );
    expect(headings).to.include.members(['sin(x)', 'f2(x)']);
    expect(headings.join(' ')).to.not.contain('sin(x)(x)');
  });

  it("takes the lesson's whole setup cell as its script: f1 and f2 are the curves", async () => {
    const setup = LESSON_EXERCISE_CODE.slice(0, LESSON_EXERCISE_CODE.indexOf('x = tensor(-1.0)'));
    const el = document.createElement('gradient-plot');
    const script = document.createElement('script');
    script.type = 'text/x-python';
    script.textContent = setup;
    el.append(script);
    await fixture(el);
    await el.settled();
    expect(el.curves.map((c) => c.name)).to.deep.equal(['f1', 'f2']);
    expect(el.tangents.map((t) => t!.slope)).to.deep.equal([-1.5, 0.5]);
    expect(messages(el)).to.deep.equal([]);
  });

  it('offers the data table as the text alternative, and is accessible', async () => {
    const el = await plot(html`<gradient-plot></gradient-plot>`);
    const table = el.shadowRoot!.querySelector('[part="table"] table')!;
    const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(head).to.deep.equal(['x', 'f1(x)', 'slope of f1', 'f2(x)', 'slope of f2']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    );
    expect(rows).to.have.length(13);
    // f1(-3) = 3 + 3 + 2.25, f1'(-3) = -2.5; f2(-3) = 0.75, f2'(-3) = 1.5
    expect(rows[0]).to.deep.equal(['-3.0', '8.25', '-2.5', '0.75', '1.5']);
    expect(rows[6]).to.deep.equal(['0.0', '3.0', '-1.0', '3.0', '0.0']);
    await expect(el).to.be.accessible();
    el.accumulate = true;
    el.theme = 'dark';
    el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true));
    await el.settled();
    expect(el.drawnTangents[1].warning).to.equal(true);
    await expect(el).to.be.accessible();
  });
});

describe('<gradient-plot> bad input', function () {
  this.timeout(120000);

  it('reports a syntax error in fn and still draws the other curves', async () => {
    const el = await plot(
      html`<gradient-plot>
        <gp-function fn="3 - x +"></gp-function>
        <gp-function fn="x ** 2"></gp-function>
      </gradient-plot>`,
    );
    const [first] = messages(el);
    expect(first).to.match(/^f1: fn="3 - x \+" is not a valid Python expression in x\. SyntaxError: /);
    expect(el.drawnTangents.map((t) => t.label)).to.deep.equal(['f2']);
    expect(slopeOf(el.drawnTangents[0])).to.be.closeTo(-2, 1e-6);
  });

  it('reports a function that fails', async () => {
    const el = await plot(html`<gradient-plot fn="x.no_such_method()"></gradient-plot>`);
    expect(messages(el)[0]).to.match(/^f1 failed: AttributeError: .*no_such_method/);
    expect(el.drawnTangents).to.deep.equal([]);
  });

  it('reports an infinite value at the point, and nan slopes', async () => {
    const el = await plot(
      html`<gradient-plot x="-1">
        <gp-function fn="1 / (x + 1)"></gp-function>
        <gp-function fn="torch.sqrt(x + 1)"></gp-function>
      </gradient-plot>`,
    );
    expect(messages(el)).to.deep.equal([
      'f1(-1.0) = inf: the function has no finite value there, so no tangent.',
      "f2 is not differentiable at x = -1.0: autograd's slope there is inf.",
    ]);
    expect(el.drawnTangents).to.deep.equal([]);
  });

  it('warns where the slope jumps: |x| at 0', async () => {
    const el = await plot(html`<gradient-plot x="0" fn="torch.abs(x)"></gradient-plot>`);
    expect(messages(el)).to.deep.equal([
      'f1 is not differentiable at x = 0.0: its slope jumps from -1.0 to 1.0 there; autograd reports 0.0.',
    ]);
    expect(el.drawnTangents[0].warning).to.equal(true);
  });

  it('reports an error in the script with its line', async () => {
    const el = await plot(
      html`<gradient-plot>
        <script type="text/x-python">
          def f1(x):
              return x
          print(undefined_name)
        </script>
      </gradient-plot>`,
    );
    expect(messages(el)[0]).to.equal(
      "The Python script failed. NameError: name 'undefined_name' is not defined (line 3)",
    );
  });
});

describe('<gradient-plot> exercise', function () {
  this.timeout(120000);

  /** The lesson's cell with its five blanks filled in order. */
  function solved(options: { forgetZero?: boolean } = {}): string {
    const answers = ['requires_grad_()', 'backward()', 'grad', 'backward()', 'grad'];
    let code = LESSON_EXERCISE_CODE.replace(/\?\?\?\?/g, () => answers.shift()!);
    if (options.forgetZero) code = code.replace('\nx.grad.zero_()', '\n# x.grad.zero_()');
    return code;
  }

  async function exercise(code: string): Promise<{ el: GradientPlot; playground: TensorPlayground }> {
    const el = document.createElement('gradient-plot');
    const playground = document.createElement('tensor-playground');
    playground.slot = 'exercise';
    const script = document.createElement('script');
    script.type = 'text/x-python';
    script.textContent = code;
    playground.append(script);
    el.append(playground);
    await fixture(el);
    await el.settled();
    await playground.ready;
    return { el, playground };
  }

  it('draws the tangents the student computed and confirms them', async () => {
    const { el, playground } = await exercise(solved());
    expect(messages(el)[0]).to.match(/^Exercise: complete the cell below and run it/);
    expect(await playground.run()).to.equal(true);
    await el.settled();
    const drawn = el.drawnTangents;
    expect(drawn.map((t) => [t.label, t.fromExercise, t.warning])).to.deep.equal([
      ['f1', true, false],
      ['f2', true, false],
    ]);
    expect(slopeOf(drawn[0])).to.be.closeTo(-1.5, 1e-6);
    expect(slopeOf(drawn[1])).to.be.closeTo(0.5, 1e-6);
    expect(el.x).to.equal(-1);
    expect(messages(el)).to.deep.equal([
      "✓ Your tangent of f1 at x = -1.0 has slope -1.5: that is f1's slope.",
      "✓ Your tangent of f2 at x = -1.0 has slope 0.5: that is f2's slope.",
    ]);
  });

  it('explains a forgotten x.grad.zero_() in the student code', async () => {
    const { el, playground } = await exercise(solved({ forgetZero: true }));
    expect(await playground.run()).to.equal(true);
    await el.settled();
    const drawn = el.drawnTangents;
    expect(slopeOf(drawn[1])).to.be.closeTo(-1.0, 1e-6);
    expect(drawn.map((t) => t.warning)).to.deep.equal([false, true]);
    expect(messages(el)[1]).to.equal(
      "Your tangent of f2 has slope -1.0, but f2's slope is 0.5: x.grad still held -1.5 from before. Did x.grad.zero_() run?",
    );
  });

  it('the exercise attribute adds the lesson cell with its blanks', async () => {
    const el = await plot(html`<gradient-plot exercise></gradient-plot>`);
    const playground = el.querySelector('tensor-playground')!;
    await playground.ready;
    expect(playground.value.match(/\?\?\?\?/g)).to.have.length(5);
    expect(playground.value).to.contain('plot_gradient(x, y2, f2_grad)');
    expect(messages(el)[0]).to.match(/^Exercise: complete the cell below and run it/);
  });
});
