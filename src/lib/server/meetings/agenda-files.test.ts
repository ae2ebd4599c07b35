// The files of a business-meeting day: the agenda as .ics (parsed back with ical.js, as Thunderbird
// reads it) and PDF, the table signs as PDF (text read back from uncompressed content streams).
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { agendaIcs, agendaPdf, meetingsByTable, pdfText, tableSignsPdf, type AgendaFileItem, type TableSignMeeting } from './agenda-files';

const items: AgendaFileItem[] = [
	{
		meetingId: '0b6f6d2e-0000-4000-8000-000000000001',
		// 09:00 and 09:20 in Paris (summer time, UTC+2).
		startsAt: new Date('2031-06-12T07:00:00Z'),
		endsAt: new Date('2031-06-12T07:20:00Z'),
		table: 3,
		with: { name: 'Léa Dubernet', organization: 'Scierie d’Aquitaine' },
		message: 'Parlons charpente, « lamellé-collé » ; délais…'
	},
	{
		meetingId: '0b6f6d2e-0000-4000-8000-000000000002',
		startsAt: new Date('2031-06-12T12:30:00Z'),
		endsAt: new Date('2031-06-12T12:50:00Z'),
		table: 12,
		with: { name: 'Marc Œuvrard', organization: null },
		message: null
	}
];
const ctx = {
	eventTitle: 'Rencontres d’affaires de la filière bois',
	venue: 'Parc des expositions, 33300 Bordeaux',
	participant: { name: 'Sophie Arrieta', organization: 'Ossature Arrieta' },
	url: 'https://grappe.example/app/meetings/ev-1',
	locale: 'fr' as const
};

/**
 * The text drawn on each page of an uncompressed PDF made with the built-in fonts: pdfkit writes it as
 * hex strings in TJ arrays (kerning numbers between them), encoded in Windows-1252.
 */
// Windows-1252's 0x80–0x9f (Node's TextDecoder reads them as Latin-1 control characters).
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const decodeCp1252 = (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b))).join('');

function pdfPages(pdf: Buffer): string[] {
	const raw = pdf.toString('latin1');
	const streams = [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]).filter((s) => s.includes('BT'));
	return streams.map((s) =>
		[...s.matchAll(/\[(.*?)\] TJ/g)]
			.map((tj) =>
				[...tj[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => decodeCp1252(Buffer.from(h[1], 'hex'))).join('')
			)
			.join('\n')
	);
}

describe('the agenda as iCalendar', () => {
	it('has one VEVENT per meeting, in UTC, with a stable UID, the table and the venue', () => {
		const text = agendaIcs(items, ctx);
		const cal = new ICAL.Component(ICAL.parse(text));
		const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events).toHaveLength(2);
		expect(events.map((e) => e.uid)).toEqual(items.map((i) => `${i.meetingId}@grappe.example`));
		expect(events[0].startDate.toJSDate().toISOString()).toBe('2031-06-12T07:00:00.000Z');
		expect(events[0].endDate.toJSDate().toISOString()).toBe('2031-06-12T07:20:00.000Z');
		expect(events[0].startDate.zone.tzid).toBe('UTC');
		expect(events[0].summary).toBe("Rendez-vous d'affaires avec Léa Dubernet (Scierie d’Aquitaine)");
		expect(events[0].location).toBe('Table 3 — Parc des expositions, 33300 Bordeaux');
		expect(events[0].description).toContain('« Parlons charpente, « lamellé-collé » ; délais… »');
		expect(events[0].description).toContain(ctx.url);
		expect(events[1].summary).toBe("Rendez-vous d'affaires avec Marc Œuvrard");
		expect(events[1].location).toBe('Table 12 — Parc des expositions, 33300 Bordeaux');
		expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
	});

	it('speaks English to an English reader, and names the table alone without a venue', () => {
		const text = agendaIcs(items.slice(1), { ...ctx, venue: '', locale: 'en' });
		const [event] = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(event.summary).toBe('Business meeting with Marc Œuvrard');
		expect(event.location).toBe('Table 12');
	});
});

describe('PDF files', () => {
	it('keep French accents and typographic signs the built-in fonts have, and replace the others', () => {
		expect(pdfText('Léa Œuvrard – « Scierie d’Aquitaine »… 20 €')).toBe('Léa Œuvrard – « Scierie d’Aquitaine »… 20 €');
		expect(pdfText('1\u202f200 Łódź 😀')).toBe('1 200 ?ódz ?');
	});

	it('print the agenda: event, participant, one line per meeting in France time', async () => {
		const pdf = await agendaPdf(items, { ...ctx, date: items[0].startsAt }, { compress: false });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const [page] = pdfPages(pdf);
		expect(page).toContain('Rencontres d’affaires de la filière bois');
		expect(page).toContain('Agenda de Sophie Arrieta (Ossature Arrieta)');
		expect(page).toContain('09:00 – 09:20');
		expect(page).toContain('14:30 – 14:50');
		expect(page).toContain('Table 3');
		expect(page).toContain('Léa Dubernet (Scierie d’Aquitaine)');
		expect(page).toContain('Marc Œuvrard');
		expect(page).toContain('délais…');
	});

	it('print one table sign per table with meetings, in table order, each slot with both people', async () => {
		const at = (h: string) => new Date(`2031-06-12T${h}:00Z`);
		const meetings: TableSignMeeting[] = [
			{ startsAt: at('08:00'), endsAt: at('08:20'), table: 2, a: { name: 'Inès Lambert', organization: 'Menuiserie Lambert' }, b: { name: 'Hugo Roux', organization: null } },
			{ startsAt: at('07:00'), endsAt: at('07:20'), table: 2, a: { name: 'Émilie Fontaine', organization: 'Bois & Charpentes' }, b: { name: 'Léa Dubernet', organization: 'Scierie d’Aquitaine' } },
			{ startsAt: at('07:00'), endsAt: at('07:20'), table: 5, a: { name: 'Paul Girard', organization: 'Girard SARL' }, b: { name: 'Zoé Chevalier', organization: 'Chevalier Bois' } }
		];
		expect(meetingsByTable(meetings).map((t) => [t.table, t.meetings.map((m) => m.startsAt.toISOString().slice(11, 16))])).toEqual([
			[2, ['07:00', '08:00']],
			[5, ['07:00']]
		]);
		const pdf = await tableSignsPdf(meetings, { eventTitle: ctx.eventTitle, locale: 'fr' }, { compress: false });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1').match(/\/Type \/Page\n/g)).toHaveLength(2);
		const pages = pdfPages(pdf);
		expect(pages).toHaveLength(2);
		expect(pages[0]).toMatch(/Table\n2\n/);
		expect(pages[0]).toContain('09:00 – 09:20');
		expect(pages[0]).toContain('Émilie Fontaine (Bois & Charpentes)');
		expect(pages[0]).toContain('Léa Dubernet (Scierie d’Aquitaine)');
		expect(pages[0].indexOf('09:00')).toBeLessThan(pages[0].indexOf('10:00'));
		expect(pages[1]).toMatch(/Table\n5\n/);
		expect(pages[1]).toContain('Zoé Chevalier (Chevalier Bois)');
		// Compressed by default: smaller, same pages.
		const small = await tableSignsPdf(meetings, { eventTitle: ctx.eventTitle, locale: 'fr' });
		expect(small.length).toBeLessThan(pdf.length);
		expect(small.toString('latin1').match(/\/Type \/Page\n/g)).toHaveLength(2);
	});
});
