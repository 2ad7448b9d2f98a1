/**
 * The page's script (src/report/client/main.ts bundled for the browser) and the
 * sha256 its Content-Security-Policy allows it by.
 *
 * How it reaches the page, from dist/ and from the sources alike:
 * - scripts/build.mjs calls `reportClientScript()` once at build time and
 *   replaces this whole module, in every bundle it writes, by a module that
 *   returns the result as a constant; the shipped package never bundles
 *   anything at run time and holds no `node:` import from here.
 * - Run from the sources (vitest, tsx), this module bundles the entry with
 *   esbuild (a devDependency) on first use, with the same options.
 * So there is one definition of the bundle, and the renderer never pastes a
 * function's source text (which a minifier's helpers would break).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface ReportClientScript {
  script: string;
  /** Base64 sha256 of `script`, as a CSP source expression wants it (without the `sha256-` prefix). */
  sha256: string;
}

let cached: ReportClientScript | null = null;

export function reportClientScript(entry: string = fileURLToPath(new URL('./client/main.ts', import.meta.url))): ReportClientScript {
  if (cached) return cached;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The script sits in a <script> element: it must not close it.
  const script = result.outputFiles[0].text.trim().replace(/<\/script/gi, '<\\/script');
  cached = { script, sha256: createHash('sha256').update(script, 'utf8').digest('base64') };
  return cached;
}
