/**
 * `--shard I/N`: a batch split into N shares by a hash of each input's path
 * relative to the batch's common base, so that N processes (hosts, job
 * indexes, GNU parallel slots) given the same arguments each take one share,
 * the same whatever the listing order, machine or run, and the union of their
 * outputs is the single run's.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 0 … count − 1. */
  index: number;
  count: number;
}

/** Enough shards for any cluster, few enough to keep a typo from starting a million processes' worth of nothing. */
export const MAX_SHARDS = 100_000;

/**
 * Reads `I/N` (I from 0 to N − 1) or `/N`, which takes I from
 * `JOB_COMPLETION_INDEX` (a Kubernetes indexed Job sets it in each pod). A
 * reason when the text is not a shard.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>): Shard | string {
  const match = /^(\d*)\/(\d+)$/.exec(text.trim());
  if (!match) return `--shard must be I/N (I from 0 to N-1) or /N, not "${text}"`;
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS) return `--shard: N must be a whole number from 1 to ${MAX_SHARDS}, not "${match[2]}"`;
  let indexText = match[1];
  if (indexText === '') {
    indexText = env.JOB_COMPLETION_INDEX ?? '';
    if (!/^\d+$/.test(indexText)) return `--shard /${count}: JOB_COMPLETION_INDEX is not set to a whole number (give I/${count})`;
  }
  const index = Number(indexText);
  if (!Number.isSafeInteger(index) || index >= count) return `--shard: I must be from 0 to ${count - 1}, not ${indexText}`;
  return { index, count };
}

/** The shard an input belongs to: the first 48 bits of the SHA-256 of its relative path (UTF-8), modulo N. */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash('sha256').update(relativePath, 'utf8').digest();
  return digest.readUIntBE(0, 6) % count;
}
