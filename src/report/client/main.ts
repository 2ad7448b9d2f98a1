/**
 * The report page's script, bundled for the browser by esbuild (see
 * ../client-script.ts). It sits in the page's head: it marks the page as
 * scripted at once, so that the forms' full sections (hidden while the
 * script runs, shown without it) are never laid out while the page is read —
 * a page of a thousand forms is then read in seconds, not half a minute —
 * and it starts the desk (./desk.ts) once the page is read.
 */
document.documentElement.classList.add('js');

function start(): void {
  void import('./desk.js');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
