// The Share panel of a `shareable` playground (loaded on the first click): the cell's current code
// as an embed link and as an iframe snippet, each with a Copy button, for pages and LMSes that
// take only a link or an iframe (docs/embedding.md).
import { getEmbedPageUrl } from '../../embed/page-url.js';
import { embedUrl, iframeSnippet, suggestedHeight } from '../../embed/snippet.js';

/** What of the cell travels in the link. */
export interface ShareSource {
  code: string;
  check: string | null;
  device: string;
  theme: string;
  readonly: boolean;
  hint: string;
}

/** The embed parameters of a cell: its code and check, and the settings that differ from the defaults. */
export function shareParams(source: ShareSource): Array<[string, string]> {
  const params: Array<[string, string]> = [['code', source.code]];
  if (source.check !== null) params.push(['check', source.check]);
  if (source.hint) params.push(['hint', source.hint]);
  if (source.device === 'cuda') params.push(['device', 'cuda']);
  if (source.readonly) params.push(['readonly', '']);
  if (source.theme === 'dark') params.push(['theme', 'dark']);
  return params;
}

const styles = new CSSStyleSheet();
styles.replaceSync(`
  .share-panel { display: grid; grid-template-columns: auto 1fr auto; gap: 0.4rem; align-items: center;
    padding: 0.5rem; border-bottom: 1px solid var(--_border); background: var(--_surface); font-size: 0.875rem; }
  .share-panel input { font: inherit; font-family: var(--_mono); min-width: 0; padding: 0.2rem 0.3rem;
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); color: var(--_fg); }
  .share-panel p { grid-column: 1 / -1; margin: 0; color: var(--_muted); }
`);

async function copyText(text: string, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an iframe without clipboard-write): copy the selected field.
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * Opens the Share panel in `host` (an empty element of the playground's shadow tree), or closes
 * it when open. Resolves whether it is now open.
 */
export async function toggleSharePanel(
  host: HTMLElement,
  source: ShareSource,
  flash: (message: string) => void,
): Promise<boolean> {
  const root = host.getRootNode();
  if (root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(styles)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
  }
  if (host.firstChild) {
    host.replaceChildren();
    return false;
  }
  const params = shareParams(source);
  const url = await embedUrl(getEmbedPageUrl(), params);
  const snippet = iframeSnippet(url, { height: suggestedHeight(params) });
  const panel = document.createElement('div');
  panel.className = 'share-panel';
  panel.setAttribute('part', 'share');
  panel.setAttribute('role', 'group');
  panel.setAttribute('aria-label', 'Share this cell');
  const rows: Array<[string, string, string]> = [
    ['Link', url, 'Link copied'],
    ['Embed code', snippet, 'Embed code copied'],
  ];
  for (const [label, text, done] of rows) {
    const field = document.createElement('input');
    field.readOnly = true;
    field.value = text;
    field.setAttribute('aria-label', label);
    const name = document.createElement('span');
    name.textContent = label;
    const button = document.createElement('button');
    button.textContent = `Copy ${label.toLowerCase()}`;
    button.addEventListener('click', async () => {
      flash((await copyText(text, field)) ? done : 'Copy failed: select the text and copy it by hand');
    });
    panel.append(name, field, button);
  }
  const help = document.createElement('p');
  help.textContent =
    'The code as it is now. Paste the embed code where a page takes an iframe (Canvas, Blackboard, D2L, Google Sites), the link where it takes a URL.';
  panel.append(help);
  host.replaceChildren(panel);
  panel.querySelector('button')!.focus();
  return true;
}
