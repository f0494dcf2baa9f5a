// Copying text where the Clipboard API is refused (an iframe without the permission, an old browser).

/** Copies `text`; true when it reached the clipboard. `root` holds the fallback's hidden textarea. */
export async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  let copied: boolean;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    // No clipboard permission (an iframe, an old browser): copy through a selected textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    root.append(area);
    area.select();
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
  }
  return copied;
}
