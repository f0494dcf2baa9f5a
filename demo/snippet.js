// The HTML a teacher copies from the guide: an example's source as written, dedented, with
// boolean attributes bare (`autorun`, not the `autorun=""` the DOM serializes).
export function snippetOf(innerHTML) {
  const lines = innerHTML
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines
    .map((l) => l.slice(indent))
    .join('\n')
    .replace(/<[a-z][\w-]*(?:\s[^<>]*)?>/g, (tag) => tag.replace(/(\s[\w-]+)=""/g, '$1'));
}
