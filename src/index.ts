/**
 * jixiao: parse and check 项目支出绩效自评表 exports.
 *
 *   import { parse, check } from 'jixiao';
 *   const document = check(parse(bytes, { file: 'a.txt' }));
 */
export { parse, type ParseOptions } from './parse.js';
export { parseFile } from './files.js';
export { check, checkForm, type CheckSettings } from './check.js';
export { loadProfile, resolveProfile, ProfileSchema, type Profile } from './profile.js';
export { RULES } from './rules.js';
export { decode, type DecodeResult, type DecodeSettings } from './decode.js';
export * from './schema.js';
export { jsonSchema } from './json-schema.js';
