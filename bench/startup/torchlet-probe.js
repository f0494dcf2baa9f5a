// Records when the playground's output first shows what the page expects (its data-expect, "6" by
// default): milliseconds since navigation started.
const cell = document.querySelector('tensor-playground');
const expected = document.body.dataset.expect ?? '6';
const output = () =>
  [...(cell.shadowRoot?.querySelectorAll('.output pre') ?? [])].map((pre) => pre.textContent).join('');
function poll() {
  if (output().trim() === expected) {
    window.firstOutput = { ms: performance.now(), text: output() };
    return;
  }
  requestAnimationFrame(poll);
}
poll();
