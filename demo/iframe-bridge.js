// Inside the embedded lesson: forwards torchlet's events to the host page (an LMS), which cannot
// reach into a sandboxed frame. Only plain data crosses: the event name, the target's id and the detail.
const EVENTS = ['tp-run-end', 'tp-check', 'gp-change', 'gs-result', 'gs-error'];
const plain = (value) => JSON.parse(JSON.stringify(value ?? null));
for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    parent.postMessage(
      { torchlet: type, id: event.target.id || event.target.localName, detail: plain(event.detail) },
      '*',
    );
  });
}
