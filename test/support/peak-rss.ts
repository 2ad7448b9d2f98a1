/**
 * A child process's own peak resident memory, printed to its standard error
 * at exit. `process.resourceUsage().maxRSS` will not do: Linux carries the
 * high-water mark of the forked copy of the parent across exec, so a child
 * started from a large test worker reports the worker's peak, not its own.
 * VmHWM in /proc/self/status belongs to the memory the child itself mapped.
 */
const report = [
  'import{readFileSync}from"node:fs";',
  'process.on("exit",()=>{let k=process.resourceUsage().maxRSS;',
  'try{k=Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status","utf8"))[1])}catch{}',
  'process.stderr.write("\\npeakRSS "+k+"\\n")})',
].join('');

/** A `--import` argument that makes a Node child print its peak resident memory (KiB) at exit. */
export const PEAK_RSS_PROBE = `data:text/javascript,${report}`;

/** The peak resident memory in MiB a child started with PEAK_RSS_PROBE printed, or NaN. */
export function peakRssMb(stderr: string): number {
  return Number(/peakRSS (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
}
