// The guide's "Get embed code" form: an element, its code and attributes → the iframe snippet, the
// link and a live preview (the local build's embed.html). The same checks as embed.html's.
import { EmbedFragmentError } from '../src/embed/fragment.ts';
import { planEmbed } from '../src/embed/params.ts';
import { DEFAULT_EMBED_PAGE, embedUrl, iframeSnippet, suggestedHeight } from '../src/embed/snippet.ts';

const form = document.getElementById('embed-code');
const preview = document.getElementById('embed-preview');
const error = form.querySelector('.embed-code-error');
const status = form.querySelector('.embed-code-status');
const LOCAL_PAGE = new URL('../dist/cdn/embed.html', location.href).href;
form.elements.page.value = DEFAULT_EMBED_PAGE;

/** The attributes typed as in a tag (`autorun device="cuda"`), read by the HTML parser itself. */
function attributesOf(text) {
  const probe = new DOMParser().parseFromString(`<div ${text}></div>`, 'text/html').body.firstElementChild;
  return probe ? [...probe.attributes].map((a) => [a.name, a.value]) : [];
}

/** A cell's code split into cells at `# %%` lines (the notebook convention). */
function cellsOf(code) {
  return code
    .split(/^# %%.*$/m)
    .map((cell) => cell.replace(/^\n+|\s+$/g, ''))
    .filter((cell) => cell !== '');
}

function paramsOf() {
  const element = form.elements.element.value;
  const params =
    element === 'tensor-playground'
      ? cellsOf(form.elements.code.value).map((code) => ['code', code])
      : [['element', element]];
  return [...params, ...attributesOf(form.elements.attributes.value)];
}

let previewTimer;
async function update() {
  const playground = form.elements.element.value === 'tensor-playground';
  form.querySelector('[data-for="tensor-playground"]').hidden = !playground;
  const params = paramsOf();
  try {
    planEmbed(params);
    error.textContent = '';
  } catch (err) {
    if (!(err instanceof EmbedFragmentError)) throw err;
    error.textContent = err.message;
  }
  const compress = form.elements.compress.checked || undefined;
  const url = await embedUrl(form.elements.page.value || DEFAULT_EMBED_PAGE, params, { compress });
  form.elements.url.value = url;
  form.elements.snippet.value = iframeSnippet(url, { height: suggestedHeight(params) });
  clearTimeout(previewTimer);
  previewTimer = setTimeout(async () => {
    preview.style.height = `${suggestedHeight(params)}px`;
    preview.src = await embedUrl(LOCAL_PAGE, params, { compress });
  }, 600);
}

// The preview frame reports its height (embed-host.js does the same on a teacher's page).
addEventListener('message', (event) => {
  if (
    event.source === preview.contentWindow &&
    event.data?.source === 'torchlet' &&
    event.data.type === 'resize'
  ) {
    preview.style.height = `${Math.min(event.data.height, 2000)}px`;
  }
});

form.addEventListener('input', () => void update());
form.addEventListener('submit', (event) => event.preventDefault());
for (const button of form.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const field = form.elements[button.dataset.copy];
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Copied';
    } catch {
      field.select();
      status.textContent = document.execCommand('copy') ? 'Copied' : 'Select the text and copy it';
    }
  });
}
void update();
