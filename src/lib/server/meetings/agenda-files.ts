// What a business-meeting day prints and exports: a participant's agenda as .ics and PDF, and the table
// signs as PDF (one A4 page per table). The routes fetch through the service; these only format.
import ical, { ICalCalendarMethod } from 'ical-generator';
import PDFDocument from 'pdfkit';
import { t, type Locale } from '../../i18n/t';
import { formatEventDateTime } from '../../i18n/format';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireStaff, type Actor } from '../auth/actor';
import { meetingParticipants } from './schema';

export interface AgendaFileItem {
	meetingId: string;
	/** The accepted request behind the meeting: stable when the scheduler runs again or the meeting moves. */
	requestId?: string;
	startsAt: Date;
	endsAt: Date;
	table: number;
	with: { name: string; organization: string | null };
	message: string | null;
}

export interface AgendaFileContext {
	eventTitle: string;
	/** Where the event is, on one line (empty when unknown). */
	venue: string;
	participant: { name: string; organization: string | null };
	/** The agenda's page, linked from each calendar entry. */
	url: string;
	locale: Locale;
}

/** "Name (Organization)", or the name alone. */
export function personLabel(p: { name: string; organization: string | null }): string {
	return p.organization ? `${p.name} (${p.organization})` : p.name;
}

/** "Table 3 — Parc des expositions, Bordeaux", or "Table 3". */
export function tableLocation(table: number, venue: string, locale: Locale): string {
	return venue ? t('meetings_ui_file_table_at', { table, venue }, locale) : t('meetings_ui_file_table', { table }, locale);
}

/**
 * The agenda as iCalendar: one VEVENT per meeting, in UTC, with a UID made of the meeting's request (a
 * pair meets once; the id survives a new run of the scheduler or a move) and the server's host, and a
 * SEQUENCE that grows with time, so a calendar that imports the file again updates rather than duplicates.
 */
export function agendaIcs(items: AgendaFileItem[], ctx: AgendaFileContext): string {
	const host = new URL(ctx.url).host;
	const cal = ical({
		name: t('meetings_ui_ics_calendar_name', { title: ctx.eventTitle }, ctx.locale),
		prodId: { company: 'Grappe', product: 'Grappe', language: ctx.locale.toUpperCase() },
		method: ICalCalendarMethod.PUBLISH
	});
	for (const m of items) {
		cal.createEvent({
			id: `${m.requestId ?? m.meetingId}@${host}`,
			sequence: Math.floor(Date.now() / 1000) - 1_750_000_000,
			start: m.startsAt,
			end: m.endsAt,
			summary: t('meetings_ui_ics_summary', { who: personLabel(m.with) }, ctx.locale),
			location: tableLocation(m.table, ctx.venue, ctx.locale),
			description: [ctx.eventTitle, m.message ? `« ${m.message} »` : '', ctx.url].filter(Boolean).join('\n\n'),
			url: ctx.url
		});
	}
	const text = cal.toString();
	return text.endsWith('\r\n') ? text : text + '\r\n';
}

// pdfkit's built-in fonts (Helvetica) encode text as Windows-1252: these characters are in it, the rest
// would print as garbage.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
	'\u202f': ' ', // narrow no-break space (French punctuation, Intl numbers)
	'\u2009': ' ',
	'\u2007': ' ',
	'\u200b': '',
	'\u2010': '-',
	'\u2011': '-',
	'\u2212': '-',
	'\u2032': "'",
	'\u2033': '"',
	'\u00ad': ''
};

/** Text the built-in PDF fonts can show: accents kept, other letters without their marks, else "?". */
export function pdfText(s: string): string {
	let out = '';
	for (const ch of s.normalize('NFC')) {
		const code = ch.codePointAt(0)!;
		if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
		else if (ch === '\n' || ch === '\t' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
		else {
			const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
			out += bare.length && [...bare].every((c) => c.codePointAt(0)! < 0x7f) ? bare : '?';
		}
	}
	return out;
}

export interface PdfOptions {
	/** Compressed content streams (default); tests turn it off to read the text. */
	compress?: boolean;
}

function newDocument(title: string, opts: PdfOptions) {
	return new PDFDocument({ size: 'A4', margin: 50, compress: opts.compress ?? true, info: { Title: pdfText(title), Creator: 'Grappe' } });
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

const time = (d: Date, l: Locale) => formatEventDateTime(d, l, 'time');
const GREY = '#555555';

/** The agenda on one A4 page (more when long): the event, the participant, one line per meeting. */
export function agendaPdf(items: AgendaFileItem[], ctx: AgendaFileContext & { date: Date }, opts: PdfOptions = {}): Promise<Buffer> {
	const l = ctx.locale;
	const doc = newDocument(t('meetings_ui_pdf_agenda_title', { name: ctx.participant.name }, l), opts);
	const width = doc.page.width - 100;
	doc.font('Helvetica-Bold').fontSize(18).text(pdfText(ctx.eventTitle), { width });
	doc.moveDown(0.2);
	doc.font('Helvetica').fontSize(11).fillColor(GREY).text(pdfText([formatEventDateTime(ctx.date, l, 'date'), ctx.venue].filter(Boolean).join(' · ')), { width });
	doc.moveDown(1);
	doc.fillColor('black').font('Helvetica-Bold').fontSize(14).text(pdfText(t('meetings_ui_pdf_agenda_of', { who: personLabel(ctx.participant) }, l)), { width });
	doc.moveDown(0.8);
	if (!items.length) doc.font('Helvetica').fontSize(12).text(pdfText(t('meetings_ui_agenda_empty', {}, l)), { width });
	const left = doc.page.margins.left;
	for (const m of items) {
		if (doc.y > doc.page.height - 120) doc.addPage();
		const y = doc.y;
		doc.font('Helvetica-Bold').fontSize(12).text(`${time(m.startsAt, l)} – ${time(m.endsAt, l)}`, left, y, { width: 110 });
		doc.text(pdfText(t('meetings_ui_file_table', { table: m.table }, l)), left + 115, y, { width: 70 });
		doc.font('Helvetica').text(pdfText(personLabel(m.with)), left + 190, y, { width: width - 190 });
		if (m.message) doc.fontSize(10).fillColor(GREY).text(pdfText(`« ${m.message} »`), left + 190, doc.y + 2, { width: width - 190 }).fillColor('black');
		doc.moveTo(left, doc.y + 6).lineTo(left + width, doc.y + 6).strokeColor('#dddddd').stroke();
		doc.x = left;
		doc.y += 12;
	}
	return finish(doc);
}

export interface TableSignMeeting {
	startsAt: Date;
	endsAt: Date;
	table: number;
	a: { name: string; organization: string | null };
	b: { name: string; organization: string | null };
}

/** The meetings by table, in time order: what each table sign shows. */
export function meetingsByTable<T extends TableSignMeeting>(meetings: T[]): { table: number; meetings: T[] }[] {
	const by = new Map<number, T[]>();
	for (const m of meetings) by.set(m.table, [...(by.get(m.table) ?? []), m]);
	return [...by.entries()]
		.sort(([a], [b]) => a - b)
		.map(([table, list]) => ({ table, meetings: list.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime()) }));
}

/** One A4 page per table that has meetings: its number in big type, then each slot's time and the two people. */
export function tableSignsPdf(meetings: TableSignMeeting[], ctx: { eventTitle: string; locale: Locale }, opts: PdfOptions = {}): Promise<Buffer> {
	const l = ctx.locale;
	const doc = newDocument(t('meetings_ui_signs_title', {}, l), opts);
	const tables = meetingsByTable(meetings);
	const width = doc.page.width - 100;
	const left = doc.page.margins.left;
	if (!tables.length) doc.font('Helvetica').fontSize(14).text(pdfText(t('meetings_ui_signs_empty', {}, l)), { width });
	tables.forEach(({ table, meetings: list }, i) => {
		if (i > 0) doc.addPage();
		doc.font('Helvetica').fontSize(12).fillColor(GREY).text(pdfText(ctx.eventTitle), { width, align: 'center' });
		doc.fillColor('black').font('Helvetica-Bold').fontSize(40).text(pdfText(t('meetings_ui_signs_table_word', {}, l)), { width, align: 'center' });
		doc.fontSize(140).text(String(table), { width, align: 'center' });
		// The big type's line leaves room for descenders the digits do not have.
		doc.y -= 20;
		// Many slots get a smaller type so that a table stays on its page.
		const size = list.length > 12 ? 10 : 13;
		for (const m of list) {
			const y = doc.y;
			doc.font('Helvetica-Bold').fontSize(size).text(`${time(m.startsAt, l)} – ${time(m.endsAt, l)}`, left, y, { width: 110 });
			doc.font('Helvetica').text(pdfText(personLabel(m.a)), left + 120, y, { width: width - 120 });
			doc.text(pdfText(personLabel(m.b)), left + 120, doc.y, { width: width - 120 });
			doc.moveTo(left, doc.y + 4).lineTo(left + width, doc.y + 4).strokeColor('#dddddd').stroke();
			doc.x = left;
			doc.y += 9;
		}
	});
	return finish(doc);
}

/** Headers of a PDF download. */
export function pdfHeaders(filename: string): Record<string, string> {
	return {
		'content-type': 'application/pdf',
		'content-disposition': `attachment; filename="${filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '-')}"`,
		'cache-control': 'private, no-store'
	};
}
