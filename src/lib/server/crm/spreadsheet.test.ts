// Reading and writing CSV and XLSX as French offices exchange them.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { decodeText, detectDelimiter, readTable, writeCsv, writeXlsx } from './spreadsheet';
import { InvalidError } from '../errors';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('readTable on CSV', () => {
	it('reads a Windows-1252 file with ";", quotes, a line break in a cell and blank lines', async () => {
		const text =
			'Raison sociale;Ville;Effectif;Date\r\n' +
			'"Société ""Générale"" d\'Étanchéité";Saint-Étienne;12,5;03/02/2024\r\n' +
			'\r\n' +
			'"Boulangerie; Pâtisserie";Besançon;"deux\r\nlignes";31/12/2023\r\n';
		const bytes = iconv.encode(text, 'win1252');
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const table = await readTable(bytes, 'export.csv');
		expect(table).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';' });
		expect(table.headers).toEqual(['Raison sociale', 'Ville', 'Effectif', 'Date']);
		expect(table.rows).toEqual([
			['Société "Générale" d\'Étanchéité', 'Saint-Étienne', '12,5', '03/02/2024'],
			['Boulangerie; Pâtisserie', 'Besançon', 'deux\r\nlignes', '31/12/2023']
		]);
		// Spreadsheet lines: the blank line 3 still counts.
		expect(table.lineNumbers).toEqual([2, 4]);
	});

	it('reads UTF-8 with and without BOM, and UTF-16 as Excel\'s "Unicode text"', async () => {
		const text = 'Nom,Ville\nÉcole Œnologie,Nîmes\n';
		for (const bytes of [Buffer.concat([BOM, Buffer.from(text)]), Buffer.from(text)]) {
			const table = await readTable(bytes, 'a.csv');
			expect(table.encoding).toBe('utf-8');
			expect(table.delimiter).toBe(',');
			expect(table.headers).toEqual(['Nom', 'Ville']);
			expect(table.rows).toEqual([['École Œnologie', 'Nîmes']]);
		}
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Nom\tVille\r\nÉcole\tNîmes\r\n', 'utf-16le')]);
		const table = await readTable(utf16, 'a.txt');
		expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['Nom', 'Ville'], rows: [['École', 'Nîmes']] });
	});

	it('detects the delimiter from the consistent one, even with decimal commas', () => {
		expect(detectDelimiter('a;b;c\n1,5;2,5;3\n4;5;6')).toBe(';');
		expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
		expect(detectDelimiter('a\tb\n"x,y"\tz')).toBe('\t');
	});

	it('pads short rows and drops Excel\'s empty trailing columns', async () => {
		const table = await readTable(Buffer.from('A;B;;\n1;;;\n2\n'), 'x.csv');
		expect(table.headers).toEqual(['A', 'B']);
		expect(table.rows).toEqual([['1', ''], ['2', '']]);
	});

	it('refuses an empty file and a legacy .xls workbook with a message key', async () => {
		await expect(readTable(Buffer.from(''), 'x.csv')).rejects.toBeInstanceOf(InvalidError);
		await expect(readTable(Buffer.from('\r\n;;\r\n'), 'x.csv')).rejects.toMatchObject({ issues: [{ message: 'io_error_empty_file' }] });
		const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
		await expect(readTable(xls, 'old.xls')).rejects.toMatchObject({ issues: [{ message: 'io_error_xls_unsupported' }] });
		await expect(readTable(Buffer.from('not a zip'), 'x.xlsx')).rejects.toMatchObject({ issues: [{ message: 'io_error_unreadable' }] });
	});

	it('decodes bytes that are valid UTF-8 as UTF-8 (accents in Windows-1252 never are)', () => {
		expect(decodeText(Buffer.from('Dépôt', 'utf8')).encoding).toBe('utf-8');
		expect(decodeText(iconv.encode('Dépôt', 'win1252'))).toEqual({ text: 'Dépôt', encoding: 'windows-1252' });
	});
});

describe('writeCsv', () => {
	it('writes UTF-8 with BOM, ";", CRLF, decimal commas and French dates, and reads back the same', async () => {
		const headers = ['Raison sociale', 'Description', 'Effectif', 'Créé le', 'Formule'];
		const rows = [
			['Dupont; Fils', 'Ligne 1\nLigne "2"', 12.5, new Date(Date.UTC(2024, 1, 3)), '=HYPERLINK("http://x")'],
			['Ébénisterie', null, 3, null, '-5']
		];
		const csv = writeCsv(headers, rows);
		expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = csv.subarray(3).toString('utf8');
		expect(text.split('\r\n')[0]).toBe('Raison sociale;Description;Effectif;Créé le;Formule');
		expect(text).toContain('"Dupont; Fils";"Ligne 1\nLigne ""2""";12,5;03/02/2024;"\'=HYPERLINK(""http://x"")"\r\n');
		expect(text.endsWith('\r\n')).toBe(true);
		const table = await readTable(csv, 'x.csv');
		expect(table.headers).toEqual(headers);
		expect(table.rows).toEqual([
			['Dupont; Fils', 'Ligne 1\nLigne "2"', '12,5', '03/02/2024', '=HYPERLINK("http://x")'],
			['Ébénisterie', '', '3', '', '-5']
		]);
	});
});

describe('XLSX', () => {
	it('writes a bold, filtered, frozen header and sized columns, and reads back dates as dd/mm/yyyy', async () => {
		const headers = ['Raison sociale', 'SIRET', 'Créé le'];
		const rows = [
			['Société Œuvre', '73282932000074', new Date(Date.UTC(2023, 11, 31))],
			['B', null, null]
		];
		const xlsx = await writeXlsx(headers, rows, 'Organisations: 2024/01');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx as never);
		const ws = wb.worksheets[0];
		expect(ws.name).toBe('Organisations  2024 01');
		expect(ws.getCell('A1').font?.bold).toBe(true);
		expect(ws.autoFilter).toBeTruthy();
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(14);
		expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
		expect(ws.getCell('C2').value).toBeInstanceOf(Date);
		const table = await readTable(xlsx, 'x.xlsx');
		expect(table).toMatchObject({ format: 'xlsx', headers });
		expect(table.rows).toEqual([
			['Société Œuvre', '73282932000074', '31/12/2023'],
			['B', '', '']
		]);
	});

	it('reads numbers, rich text, hyperlinks, formulas and booleans of the first sheet as text', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Feuil1');
		ws.addRow(['Nom', 'SIRET', 'Email', 'Effectif', 'Total', 'Actif', 'Heure']);
		ws.addRow([
			{ richText: [{ text: 'Dupont ', font: { bold: true } }, { text: 'Frères' }] },
			73282932000074,
			{ text: 'contact@dupont.fr', hyperlink: 'mailto:contact@dupont.fr' },
			12.5,
			{ formula: '1+1', result: 2 },
			true,
			new Date(Date.UTC(2024, 0, 5, 14, 30))
		]);
		ws.addRow([]);
		ws.addRow(['Martin']);
		wb.addWorksheet('Autre').addRow(['ignored']);
		const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(table.headers).toEqual(['Nom', 'SIRET', 'Email', 'Effectif', 'Total', 'Actif', 'Heure']);
		expect(table.rows).toEqual([
			['Dupont Frères', '73282932000074', 'contact@dupont.fr', '12.5', '2', 'true', '05/01/2024 14:30'],
			['Martin', '', '', '', '', '', '']
		]);
		expect(table.lineNumbers).toEqual([2, 4]);
	});
});
