// Makes sure the browser tests have a Chromium: uses CHROME_PATH or a usual install path; where
// none is found and Debian's apt is there (as root), installs Debian's chromium, saying so.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findBrowser } from '../config/browser.mjs';

const found = findBrowser();
if (found) {
  console.log(`browser: ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!existsSync('/usr/bin/apt-get') || !isRoot) {
  console.error(
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere Google Chrome) or set CHROME_PATH to its executable.',
  );
  process.exit(1);
}
console.log("No Chromium found: installing Debian's chromium with apt-get (this takes a minute or two)…");
const apt = (...args) =>
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=1200', ...args], { stdio: 'inherit' });
apt('update', '-qq');
apt('install', '-y', '-qq', '--no-install-recommends', 'chromium');
const installed = findBrowser();
if (!installed) {
  console.error('apt-get installed chromium but no browser was found at /usr/bin/chromium.');
  process.exit(1);
}
console.log(`browser: ${installed}`);
