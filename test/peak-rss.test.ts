/**
 * The memory tests' probe reports the child's own peak, not its parent's: a
 * child of a test worker holding 300 MB is still a small process.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PEAK_RSS_PROBE, peakRssMb } from './support/peak-rss.js';

describe('the peak-memory probe', () => {
  it('reports a small child of a large parent as small', () => {
    const held = Buffer.alloc(300 * 1024 * 1024, 1);
    const run = spawnSync(process.execPath, ['--import', PEAK_RSS_PROBE, '-e', '0'], { encoding: 'utf8' });
    expect(held[held.length - 1]).toBe(1);
    expect(run.status).toBe(0);
    const mb = peakRssMb(run.stderr);
    expect(mb).toBeGreaterThan(10);
    expect(mb).toBeLessThan(150);
  });
});
