// Reads and writes tables as French offices exchange them: CSV (`;`, UTF-8 or Windows-1252) and XLSX.
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { InvalidError } from '../errors';

export type SpreadsheetFormat = 'csv' | 'xlsx';

export interface Table {
	headers: string[];
	/** Data rows, each as long as `headers`; blank rows are left out. */
	rows: string[][];
	/** The spreadsheet line number of each row (the header is usually line 1, so data starts at 2). */
	lineNumbers: number[];
	format: SpreadsheetFormat;
	/** CSV only. */
	encoding?: 'utf-8' | 'windows-1252' | 'utf-16le';
	delimiter?: string;
}

/** A cell to write: dates become dd/mm/yyyy in CSV and real dates in XLSX. */
export type Cell = string | number | boolean | Date | null | undefined;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function toBuffer(data: Uint8Array | ArrayBuffer): Buffer {
	if (Buffer.isBuffer(data)) return data;
	return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** XLSX by content (a zip), whatever the name says; the legacy binary .xls is refused with a clear message. */
export function detectFormat(data: Uint8Array | ArrayBuffer, nameOrMime = ''): SpreadsheetFormat {
	const b = toBuffer(data);
	if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
	if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
		throw new InvalidError([{ path: 'file', message: 'io_error_xls_unsupported' }]);
	}
	const hint = nameOrMime.toLowerCase();
	if (hint.endsWith('.xlsx') || hint === XLSX_MIME) throw new InvalidError([{ path: 'file', message: 'io_error_unreadable' }]);
	return 'csv';
}

/** Decodes CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise Windows-1252 (French Excel's "CSV (séparateur: point-virgule)"). */
export function decodeText(data: Uint8Array | ArrayBuffer): { text: string; encoding: 'utf-8' | 'windows-1252' | 'utf-16le' } {
	const b = toBuffer(data);
	if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(b.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
	if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
	} catch {
		return { text: iconv.decode(b, 'win1252'), encoding: 'windows-1252' };
	}
}

const DELIMITERS = [';', '\t', ','] as const;

/** The delimiter that splits the first lines into the most consistent number of fields (`;` wins ties). */
export function detectDelimiter(text: string): string {
	const sample = text.slice(0, 64 * 1024);
	let best: { delimiter: string; score: number } = { delimiter: ';', score: -1 };
	for (const delimiter of DELIMITERS) {
		const { data } = Papa.parse<string[]>(sample, { delimiter, preview: 20, skipEmptyLines: true });
		if (data.length === 0) continue;
		const width = data[0].length;
		if (width < 2) continue;
		const consistent = data.filter((r) => r.length === width).length / data.length;
		const score = consistent * 1000 + width;
		if (score > best.score) best = { delimiter, score };
	}
	return best.delimiter;
}

/** Undoes what writers do to keep a cell from being read as a formula: `'=…` and `="…"`. */
function unescapeCsvCell(s: string): string {
	if (s.length > 1 && s[0] === "'" && '=+-@'.includes(s[1])) return s.slice(1);
	const m = /^="(.*)"$/.exec(s);
	return m ? m[1] : s;
}

function readCsv(b: Buffer): Table {
	const { text, encoding } = decodeText(b);
	const delimiter = detectDelimiter(text);
	const { data } = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
	// Papa gives records, which are spreadsheet lines even when a quoted cell holds a line break.
	const records = data.map((r, i) => ({ cells: r.map((c) => unescapeCsvCell(c.trim())), line: i + 1 }));
	return { ...shapeTable(records), format: 'csv', encoding, delimiter };
}

function pad2(n: number) {
	return String(n).padStart(2, '0');
}

/** dd/mm/yyyy, with hh:mm when the value has a time (Excel dates are UTC-based serials). */
export function frenchDate(d: Date): string {
	const date = `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
	if (d.getUTCHours() || d.getUTCMinutes()) return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
	return date;
}

function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (v instanceof Date) return isNaN(v.getTime()) ? '' : frenchDate(v);
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((p) => p.text).join('');
		if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
		if ('text' in o) return cellText(o.text); // hyperlink
		if ('error' in o) return '';
	}
	return String(v);
}

async function readXlsx(b: Buffer): Promise<Table> {
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(b as never);
	} catch {
		throw new InvalidError([{ path: 'file', message: 'io_error_unreadable' }]);
	}
	const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.rowCount > 0) ?? wb.worksheets[0];
	const records: { cells: string[]; line: number }[] = [];
	ws?.eachRow({ includeEmpty: false }, (row, line) => {
		const values = row.values as unknown[]; // 1-based, sparse
		const cells: string[] = [];
		for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
		records.push({ cells, line });
	});
	return { ...shapeTable(records), format: 'xlsx' };
}

/** The first non-blank record is the header; blank rows are dropped; every row is cut or padded to the header. */
function shapeTable(records: { cells: string[]; line: number }[]): Pick<Table, 'headers' | 'rows' | 'lineNumbers'> {
	const nonBlank = records.filter((r) => r.cells.some((c) => c !== ''));
	if (nonBlank.length === 0) throw new InvalidError([{ path: 'file', message: 'io_error_empty_file' }]);
	const [head, ...body] = nonBlank;
	let width = head.cells.length;
	for (const r of body) width = Math.max(width, r.cells.length);
	// Trailing columns with neither a header nor any value are Excel's leftovers.
	while (width > 0 && !head.cells[width - 1] && body.every((r) => !r.cells[width - 1])) width--;
	const fit = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
	return { headers: fit(head.cells), rows: body.map((r) => fit(r.cells)), lineNumbers: body.map((r) => r.line) };
}

/** Reads the first sheet of an XLSX file or a CSV file into headers and rows of strings. */
export async function readTable(data: Uint8Array | ArrayBuffer, nameOrMime = ''): Promise<Table> {
	const b = toBuffer(data);
	if (b.length === 0) throw new InvalidError([{ path: 'file', message: 'io_error_empty_file' }]);
	return detectFormat(b, nameOrMime) === 'xlsx' ? readXlsx(b) : readCsv(b);
}

function csvCell(v: Cell): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return frenchDate(v);
	if (typeof v === 'number') return String(v).replace('.', ',');
	if (typeof v === 'boolean') return v ? 'oui' : 'non';
	// A cell starting with = + - @ would run as a formula in Excel (CSV injection); readTable strips the quote.
	return /^[=+\-@\t\r]/.test(v) ? "'" + v : v;
}

/** CSV as French Excel opens it with a double click: UTF-8 with BOM, `;`, CRLF, decimal commas. */
export function writeCsv(headers: string[], rows: Cell[][]): Buffer {
	const text = Papa.unparse(
		{ fields: headers.map(csvCell), data: rows.map((r) => r.map(csvCell)) },
		{ delimiter: ';', newline: '\r\n', quotes: false }
	);
	return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text + '\r\n', 'utf8')]);
}

/** Excel forbids these in sheet names and caps them at 31 characters. */
function safeSheetName(name: string): string {
	return name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

/**
 * An XLSX workbook of one sheet: bold frozen header with a filter, columns sized to their content, real dates.
 * Written with exceljs's streaming writer: 2 to 3 times faster than the in-memory workbook for big lists.
 */
export async function writeXlsx(headers: string[], rows: Cell[][], sheetName: string): Promise<Buffer> {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise((resolve, reject) => out.on('end', resolve).on('error', reject));
	const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	wb.creator = 'Grappe';
	wb.created = new Date();
	const ws = wb.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
	const widths = headers.map((h) => h.length);
	const hasDate = headers.map(() => false);
	for (const r of rows) {
		for (let i = 0; i < headers.length; i++) {
			const v = r[i];
			if (v instanceof Date) hasDate[i] = true;
			const len = v instanceof Date ? 10 : v === null || v === undefined ? 0 : String(v).length;
			if (len > widths[i]) widths[i] = len;
		}
	}
	ws.columns = headers.map((h, i) => ({
		header: h,
		key: String(i),
		width: Math.min(60, Math.max(8, widths[i] + 2)),
		...(hasDate[i] ? { style: { numFmt: 'dd/mm/yyyy' } } : {})
	}));
	if (headers.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
	const head = ws.getRow(1);
	head.eachCell((c) => {
		c.font = { bold: true };
		c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
	});
	head.commit();
	for (const r of rows) ws.addRow(headers.map((_, i) => (r[i] === undefined ? null : r[i]))).commit();
	ws.commit();
	await wb.commit();
	await ended;
	return Buffer.concat(chunks);
}

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: XLSX_MIME
};
