/**
 * The four tables (forms, indicators, funds, findings) as Parquet files, with
 * the columns of the CSV tables and a schema that does not depend on the
 * data: figures are the exact decimal text the source prints (a form prints
 * `46876170.49` beside `1.5` and `100`, so no one DECIMAL scale holds every
 * figure exactly: an engine casts, `declared::DECIMAL(38,6)`), counts and
 * line numbers INT32, every other column UTF-8 text. The writer
 * (hyparquet-writer, plain JavaScript) is loaded only when a Parquet file is
 * written, and rows go out a row group at a time, so that a batch's table
 * never has to exist whole in memory.
 */
import { columnKind, tableColumns, tableRows, type Cell, type CsvTable } from './csv.js';
import type { LabelledDocument } from './xlsx.js';

/** Written in each file's key-value metadata: a reader can tell which layout of the tables it holds. */
export const TABLES_VERSION = '2';

/** Rows per row group: large enough for a reader's column statistics to pay, small enough to keep little in memory. */
const ROW_GROUP_ROWS = 50_000;

/** Where a Parquet file's bytes go, in order. */
export type ByteSink = (bytes: Uint8Array) => void | Promise<void>;

type Writer = import('hyparquet-writer').ByteWriter;
type FileWriter = import('hyparquet-writer').ParquetWriter;
type SchemaElement = ConstructorParameters<typeof import('hyparquet-writer').ParquetWriter>[0]['schema'][number];

/** The Parquet schema of a table: its columns, all optional (a cell may be empty). */
export function parquetSchema(table: CsvTable): SchemaElement[] {
  const columns = tableColumns(table, 'en');
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((name): SchemaElement =>
      columnKind(name) === 'integer' ? { name, type: 'INT32', repetition_type: 'OPTIONAL' } : { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ),
  ];
}

/** One Parquet file of one table, written as rows come: `add` rows, then `finish`. */
export class ParquetTableWriter {
  private rows: Cell[][] = [];
  private finished = false;

  private constructor(
    readonly table: CsvTable,
    private readonly bytes: Writer,
    private readonly file: FileWriter,
    private readonly sink: ByteSink,
  ) {}

  /**
   * Loads the Parquet writer (once) and starts a file; `createdBy` names the
   * program in the file's metadata. `statistics` (min, max, null count of each
   * column chunk, which let a reader skip row groups) cost more than the rest
   * of a small file's metadata: worth it for a batch's table, not for one
   * export's.
   */
  static async open(table: CsvTable, sink: ByteSink, createdBy = 'jixiao', { statistics = true }: { statistics?: boolean } = {}): Promise<ParquetTableWriter> {
    const { ByteWriter, ParquetWriter } = await import('hyparquet-writer');
    const bytes = new ByteWriter();
    const file = new ParquetWriter({
      writer: bytes,
      schema: parquetSchema(table),
      codec: 'SNAPPY',
      statistics,
      createdBy,
      kvMetadata: [
        { key: 'jixiao.table', value: table },
        { key: 'jixiao.tables_version', value: TABLES_VERSION },
      ],
    });
    return new ParquetTableWriter(table, bytes, file, sink);
  }

  /** Adds rows (cells in the table's column order); a row group is written once enough have come. */
  async add(rows: readonly Cell[][]): Promise<void> {
    for (const row of rows) this.rows.push(row);
    if (this.rows.length >= ROW_GROUP_ROWS) await this.writeGroup();
  }

  /** Writes the rows held and the file's footer. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (this.rows.length > 0) await this.writeGroup();
    await this.file.finish();
    await this.drain();
  }

  private async writeGroup(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    const columnData = tableColumns(this.table, 'en').map((name, i) => ({ name, data: columnValues(rows, i, columnKind(name)) }));
    await this.file.write({ columnData, rowGroupSize: rows.length });
    await this.drain();
  }

  /** Hands the bytes encoded so far to the sink and empties the buffer (its offset keeps counting for the footer). */
  private async drain(): Promise<void> {
    if (this.bytes.index === 0) return;
    const chunk = new Uint8Array(this.bytes.buffer.slice(0, this.bytes.index));
    this.bytes.index = 0;
    await this.sink(chunk);
  }
}

function columnValues(rows: readonly Cell[][], at: number, kind: ReturnType<typeof columnKind>): (string | number | null)[] {
  return rows.map((row) => {
    const cell = row[at];
    if (cell === null || cell === undefined) return null;
    return kind === 'integer' ? Number(cell) : String(cell);
  });
}

/** The four tables of some documents as the bytes of four Parquet files (the library's entry; the CLI streams). */
export async function parquetTables(documents: readonly LabelledDocument[]): Promise<Record<CsvTable, Uint8Array>> {
  const tables = ['forms', 'indicators', 'funds', 'findings'] as const;
  const result = {} as Record<CsvTable, Uint8Array>;
  for (const table of tables) {
    const parts: Uint8Array[] = [];
    const writer = await ParquetTableWriter.open(table, (bytes) => void parts.push(bytes));
    for (const { document, label } of documents) await writer.add(tableRows(table, document, label));
    await writer.finish();
    result[table] = Buffer.concat(parts);
  }
  return result;
}
