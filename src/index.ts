/**
 * jixiao: parse and check 项目支出绩效自评表 exports.
 *
 *   import { parse, check, parseFiles } from 'jixiao';
 *   const document = check(parse(bytes, { file: 'a.txt' }));
 *   for await (const { file, document } of parseFiles('exports/**\/*.txt')) …
 *
 * Importing it does nothing but define these functions and schemas.
 */
export { parse, type ParseOptions } from './parse.js';
export { parseStream, parseStreamToDocument, type StreamItem, type StreamOptions } from './stream.js';
export { parseFile, parseFiles, type ParseFilesOptions } from './files.js';
export { check, checkForm, type CheckSettings } from './check.js';
export { loadProfile, resolveProfile, ProfileSchema, type Profile } from './profile.js';
export { RULES } from './rules.js';
export { decode, type DecodeResult, type DecodeSettings } from './decode.js';
export * from './schema.js';
export { jsonSchema } from './json-schema.js';
export { render } from './render.js';
export { renderReport } from './report/render.js';
