// The demo pages' "Dark theme" checkbox: sets the page's colours and every torchlet element's theme.
const box = document.getElementById('dark');
const TAGS = 'tensor-playground, gpu-speedup, gradient-plot';

function apply(dark) {
  document.documentElement.classList.toggle('dark', dark);
  for (const el of document.querySelectorAll(TAGS)) el.setAttribute('theme', dark ? 'dark' : 'light');
}

if (box) {
  box.checked = matchMedia('(prefers-color-scheme: dark)').matches && box.dataset.followSystem !== 'false';
  apply(box.checked);
  box.addEventListener('change', () => apply(box.checked));
}
