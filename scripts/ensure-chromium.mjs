// Browser tests run in Debian's Chromium (Playwright's own download cannot work on machines
// without internet). Installs it through apt when missing and we are root; else says how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.FOOTNOTE_CHROMIUM || '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Chromium is missing at ${CHROMIUM}. Install it, then run npm test again:
  sudo apt-get update && sudo apt-get install -y chromium
(or point FOOTNOTE_CHROMIUM at another Chromium binary).`);
  process.exit(1);
}
console.log('Chromium is missing: installing it with apt-get (once)…');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
} catch {
  console.error('apt-get could not install chromium. Run "apt-get install -y chromium" by hand and try again.');
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
