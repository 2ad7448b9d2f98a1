/** The JSON Schema of jixiao's output, generated from the zod schema. */
import { z } from 'zod';
import { Document } from './schema.js';

export function jsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(Document, { target: 'draft-2020-12' }) as Record<string, unknown>),
    $id: 'https://jixiao.dev/schema/document.json',
    title: 'jixiao document',
    description: 'Forms parsed from a 项目支出绩效自评表 export, with findings of the checker.',
  };
}
