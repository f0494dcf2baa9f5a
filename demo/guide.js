// The teachers' guide: shows the HTML of each live example above it (read from the page's own
// source, before the elements added anything), and logs the elements' events.
import { snippetOf } from './snippet.js';

const examples = [...document.querySelectorAll('.example')];
const source = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
source.querySelectorAll('.example').forEach((original, i) => {
  const pre = document.createElement('pre');
  pre.className = 'snippet';
  pre.textContent = snippetOf(original.innerHTML);
  examples[i]?.before(pre);
});

const log = document.getElementById('event-log');
const EVENTS = [
  'tp-run-start',
  'tp-run-end',
  'tp-check',
  'gp-change',
  'gs-result',
  'gs-error',
  'tl-progress',
];
const lines = [];
const brief = (detail) =>
  JSON.stringify(detail, (key, value) =>
    ['results', 'env', 'code', 'breakEvenCompute'].includes(key) ? undefined : value,
  )?.slice(0, 180);
for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const where = event.target.id ? `#${event.target.id}` : event.target.localName;
    lines.unshift(`${new Date().toLocaleTimeString()}  ${type} from ${where}  ${brief(event.detail) ?? ''}`);
    log.textContent = lines.slice(0, 12).join('\n');
  });
}
