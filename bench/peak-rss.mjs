// This process's own peak resident memory in bytes. Linux carries the forked
// parent's high-water mark across exec into resourceUsage().maxRSS, so a child
// of a large bench process would report its parent's peak; VmHWM does not.
import { readFileSync } from 'node:fs';

export function peakRssBytes() {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (kib !== null) return Number(kib[1]) * 1024;
  } catch {
    // Not Linux: resourceUsage is the best there is.
  }
  return process.resourceUsage().maxRSS * 1024;
}
