/**
 * The JSON Schema of jixiao's output, generated from the zod schema: the
 * shapes used in several places (a figure, a diagnostic, a finding, …) once
 * each under `$defs`, and every property described in English with the
 * Chinese label it comes from (src/contract/field-descriptions.ts), so that a
 * code generator gives named, documented types.
 */
import { z } from 'zod';
import { Diagnostic, Document, ExecutionPart, Figure, Finding, Form, Funds, FundsRow, Indicator, Level1Sum, Measure, Summary, TextCell, Total } from './schema.js';
import { FIELD_DESCRIPTIONS } from './field-descriptions.js';

/** The schema's own identifier: the package's scheme and the layout's version. */
export const SCHEMA_ID = 'jixiao:schema/1';

const SHAPES: Record<string, z.ZodType> = { Form, Figure, Diagnostic, Measure, TextCell, FundsRow, Funds, Indicator, Total, Finding, Summary, Level1Sum, ExecutionPart };

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; description?: string };

export function jsonSchema(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, shape] of Object.entries(SHAPES)) registry.add(shape, { id });
  const schema = z.toJSONSchema(Document, { target: 'draft-2020-12', metadata: registry }) as Schema & { $defs?: Record<string, Schema> };
  describe(schema, 'Document', '');
  for (const [name, shape] of Object.entries(schema.$defs ?? {})) describe(shape, name, '');
  const { $schema, ...rest } = schema;
  return { $schema, $id: SCHEMA_ID, title: 'jixiao document', ...rest };
}

/** Sets the description of a shape and of each property under it, inline objects included. */
function describe(schema: Schema, shape: string, path: string): void {
  const text = FIELD_DESCRIPTIONS[shape]?.[path];
  if (text !== undefined) schema.description = text;
  for (const [name, property] of Object.entries(schema.properties ?? {})) describe(property, shape, path === '' ? name : `${path}.${name}`);
  for (const inner of [schema.items, ...(schema.anyOf ?? [])]) {
    if (inner !== undefined && inner.$ref === undefined) describeInner(inner, shape, path);
  }
}

/** An inline object inside an array or a nullable: its properties continue the path; its own description is the property's. */
function describeInner(schema: Schema, shape: string, path: string): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) describe(property, shape, path === '' ? name : `${path}.${name}`);
  for (const inner of [schema.items, ...(schema.anyOf ?? [])]) if (inner !== undefined && inner.$ref === undefined) describeInner(inner, shape, path);
}
