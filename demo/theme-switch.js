// The demo pages' "Dark theme" checkbox: sets the page's colours and the theme of every torchlet
// element not written with theme="dark" (elements reflect their theme, so "light" may be a default).
const box = document.getElementById('dark');
const followers = [
  ...document.querySelectorAll('tensor-playground, gpu-speedup, gradient-plot, torchlet-lesson'),
].filter((el) => el.getAttribute('theme') !== 'dark');

function apply(dark) {
  document.documentElement.classList.toggle('dark', dark);
  for (const el of followers) el.setAttribute('theme', dark ? 'dark' : 'light');
}

if (box) {
  if (box.dataset.followSystem !== 'false' && matchMedia('(prefers-color-scheme: dark)').matches) {
    box.checked = true;
    apply(true);
  }
  box.addEventListener('change', () => apply(box.checked));
}
