/**
 * `--shard I/N`: a batch split into N shares by a hash of each input's path
 * relative to the batch's common base, so that N processes (hosts, job
 * indexes, GNU parallel slots) given the same arguments each take one share,
 * the same whatever the listing order, machine or run, and the union of their
 * outputs is the single run's.
 */
import { createHash } from 'node:crypto';
import { CliProblem } from '../catalogue/messages.js';

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
 * problem (in the catalogue's words) when the text is not a shard.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>): Shard | CliProblem {
  const match = /^(\d*)\/(\d+)$/.exec(text.trim());
  if (!match) return new CliProblem('shard-form', { text });
  const count = Number(match[2]);
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS) return new CliProblem('shard-count', { max: MAX_SHARDS, count: match[2] });
  let indexText = match[1];
  if (indexText === '') {
    indexText = env.JOB_COMPLETION_INDEX ?? '';
    if (!/^\d+$/.test(indexText)) return new CliProblem('shard-env', { count });
  }
  const index = Number(indexText);
  if (!Number.isSafeInteger(index) || index >= count) return new CliProblem('shard-index', { last: count - 1, index: indexText });
  return { index, count };
}

/** The shard an input belongs to: the first 48 bits of the SHA-256 of its relative path (UTF-8), modulo N. */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash('sha256').update(relativePath, 'utf8').digest();
  return digest.readUIntBE(0, 6) % count;
}
