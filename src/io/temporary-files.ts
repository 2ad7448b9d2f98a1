/**
 * The temporary files outputs are written to before they are renamed into
 * place. A name is short (so that an output name as long as the file system
 * allows still has room beside it), random and created exclusively (so that
 * a name left by a killed run, even one with the same process id, never
 * blocks a later one), and holds the id of the process that made it. While
 * one exists, SIGINT, SIGTERM and SIGHUP remove it before the process ends
 * by the signal; one left by a run that was killed outright (SIGKILL, a power
 * cut) is removed by the next run that writes into its directory, once it is
 * older than that run and its process is gone.
 */
import { randomBytes } from 'node:crypto';
import { constants, unlinkSync } from 'node:fs';
import { open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const PREFIX = '.jixiao-';
const SUFFIX = '.tmp';
/** `.jixiao-PID-RANDOM.tmp`, PID and RANDOM in base 36. */
const NAME = /^\.jixiao-([0-9a-z]{1,8})-[0-9a-z]{6,12}\.tmp$/;
const ATTEMPTS = 8;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** When this run started: a temporary file older than that, of a process that is gone, is stale. */
const RUN_STARTED = Date.now();

const live = new Set<string>();
const swept = new Set<string>();
let handlersInstalled = false;

/** A short random name for a temporary file of this process. */
export function temporaryName(): string {
  const random = BigInt('0x' + randomBytes(6).toString('hex')).toString(36).padStart(6, '0');
  return `${PREFIX}${process.pid.toString(36)}-${random}${SUFFIX}`;
}

/**
 * Creates a new temporary file in `dir` (`O_EXCL`, never through a symbolic
 * link), trying other names if one is taken; it is removed on a signal until
 * `release`d. Stale temporary files of the directory are removed first.
 */
export async function createTemporary(dir: string): Promise<{ path: string; handle: FileHandle }> {
  await sweepStale(dir);
  for (let attempt = 1; ; attempt++) {
    const path = join(dir, temporaryName());
    // Held before the file exists: the file is on disk before `open` returns, and a signal may come in between. A
    // file of this name left there can only be this process id's own (a stale one), so removing it is safe too.
    track(path);
    try {
      const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
      return { path, handle };
    } catch (error) {
      release(path);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** The temporary file is renamed or removed: a signal no longer needs to remove it. */
export function release(path: string): void {
  live.delete(path);
}

function track(path: string): void {
  live.add(path);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of SIGNALS) process.once(signal, () => onSignal(signal));
}

/** Removes what is still being written, then ends the process by the same signal, as it would have ended. */
function onSignal(signal: (typeof SIGNALS)[number]): void {
  removeLive();
  for (const other of SIGNALS) process.removeAllListeners(other);
  process.kill(process.pid, signal);
}

/** Removes every temporary file still held (synchronously: at a signal or at exit). */
export function removeLive(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

/**
 * Removes, once per directory and run, the temporary files of jixiao runs
 * that ended without removing them: older than this run and made by a
 * process that no longer exists (or by one with this process's id, which
 * can only be an earlier run in a container that reuses ids).
 */
export async function sweepStale(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = NAME.exec(name);
    if (match === null) continue;
    const pid = Number.parseInt(match[1], 36);
    if (pid !== process.pid && processExists(pid)) continue;
    const path = join(dir, name);
    if (live.has(path)) continue;
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile() || info.mtimeMs >= RUN_STARTED) continue;
    await unlink(path).catch(() => undefined);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
