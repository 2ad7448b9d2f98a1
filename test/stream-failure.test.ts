/**
 * A stream parses, then checks, its blocks in groups: where parsing or
 * checking a block fails, the forms of the blocks before it are still handed
 * out, in order, before the failure (as they were when each block was parsed
 * and checked in turn).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const failAt = vi.hoisted(() => ({ parse: -1, check: -1, parsed: 0, checked: 0 }));

vi.mock('../src/api/pipeline.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/api/pipeline.js')>();
  return {
    ...original,
    parseBlockText: (...args: Parameters<typeof original.parseBlockText>) => {
      if (failAt.parsed++ === failAt.parse) throw new Error('parse failed');
      return original.parseBlockText(...args);
    },
  };
});

vi.mock('../src/check/check.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/check/check.js')>();
  return {
    ...original,
    check: (...args: Parameters<typeof original.check>) => {
      if (failAt.checked++ === failAt.check) throw new Error('check failed');
      return original.check(...args);
    },
  };
});

const { parseStream } = await import('../src/api/stream.js');

const seed = readFileSync(join(import.meta.dirname, '..', 'samples', '000_16052ebbc3505be3.txt'), 'utf8');

async function* whole(): AsyncGenerator<string> {
  yield seed;
}

/** The projects of the forms handed out before the stream failed, and its error. */
async function until(): Promise<{ projects: (string | null)[]; error: string | null }> {
  const projects: (string | null)[] = [];
  try {
    for await (const item of parseStream(whole(), { check: true })) if (item.kind === 'form') projects.push(item.form.project.name);
  } catch (error) {
    return { projects, error: (error as Error).message };
  }
  return { projects, error: null };
}

afterEach(() => Object.assign(failAt, { parse: -1, check: -1, parsed: 0, checked: 0 }));

describe('a stream whose block fails', () => {
  it('hands out every form when nothing fails', async () => {
    const { projects, error } = await until();
    expect(error).toBeNull();
    expect(projects).toHaveLength(7);
  });

  it('hands out the forms before a block that fails to parse, then fails', async () => {
    const all = (await until()).projects;
    Object.assign(failAt, { parse: 3, parsed: 0, checked: 0 });
    const { projects, error } = await until();
    expect(error).toBe('parse failed');
    expect(projects).toEqual(all.slice(0, 3));
  });

  it('hands out the forms before a block that fails its check, then fails', async () => {
    const all = (await until()).projects;
    Object.assign(failAt, { check: 5, parsed: 0, checked: 0 });
    const { projects, error } = await until();
    expect(error).toBe('check failed');
    expect(projects).toEqual(all.slice(0, 5));
  });
});
