// The .ics files read by calendars: parsed back with ical.js, the parser Thunderbird uses, and checked
// against what RFC 5545 readers (Outlook, Google) need: CRLF lines folded at 75 octets, UTC times,
// a stable UID, SEQUENCE, STATUS, METHOD:PUBLISH.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { eventLocation, eventsCalendar, type IcsEvent } from './ics';

const base: IcsEvent = {
	id: '6f0e1c1e-0000-4000-8000-000000000001',
	slug: 'atelier-bim-2031-06-12',
	title: 'Atelier BIM : la maquette numérique, « pour les charpentiers » ; édition 2031',
	summary: 'Une demi-journée pratique, avec des virgules, des points-virgules ; et des accents éèàç. '.repeat(3),
	startsAt: new Date('2031-06-12T07:00:00Z'),
	endsAt: new Date('2031-06-12T10:30:00Z'),
	mode: 'on_site',
	onlineUrl: null,
	venue: 'Maison du bois',
	addressLine: '12 rue des Chais',
	postalCode: '33000',
	communeName: 'Bordeaux',
	status: 'published',
	icsSequence: 2,
	updatedAt: new Date('2031-05-01T10:00:00Z')
};

function parse(text: string) {
	const cal = new ICAL.Component(ICAL.parse(text));
	return { cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('iCalendar files', () => {
	it('parse back with ical.js with the event’s own values', () => {
		const text = eventsCalendar([base], { name: 'Agenda du cluster', baseUrl: 'https://grappe.example' });
		const { cal, events } = parse(text);
		expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
		expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Agenda du cluster');
		expect(events).toHaveLength(1);
		const e = events[0];
		expect(e.uid).toBe(`${base.id}@grappe.example`);
		expect(e.summary).toBe(base.title);
		expect(e.description).toContain(base.summary!.trim());
		expect(e.description).toContain('https://grappe.example/events/atelier-bim-2031-06-12');
		expect(e.location).toBe('Maison du bois, 12 rue des Chais, 33000 Bordeaux');
		expect(e.startDate.toJSDate().toISOString()).toBe('2031-06-12T07:00:00.000Z');
		expect(e.endDate.toJSDate().toISOString()).toBe('2031-06-12T10:30:00.000Z');
		expect(e.startDate.zone.tzid).toBe('UTC');
		expect(e.sequence).toBe(2);
		expect(e.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
	});

	it('is written as RFC 5545 asks: CRLF, lines of at most 75 octets', () => {
		const text = eventsCalendar([base, { ...base, id: 'x2', title: 'Deuxième' }], { name: 'n', baseUrl: 'https://grappe.example' });
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
		expect(text).not.toMatch(/[^\r]\n/);
		expect(parse(text).events.map((e) => e.summary)).toEqual([base.title, 'Deuxième']);
	});

	it('marks cancelled events and wait-listed places, and gives online events their address', () => {
		const online = { ...base, id: 'on', mode: 'online', onlineUrl: 'https://visio.example/x' };
		const text = eventsCalendar([{ ...base, status: 'cancelled' }, online], { name: 'n', baseUrl: 'https://grappe.example', tentativeIds: new Set(['on']) });
		const { events } = parse(text);
		expect(events[0].component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(events[1].component.getFirstPropertyValue('status')).toBe('TENTATIVE');
		expect(events[1].location).toBe('https://visio.example/x');
		expect(eventLocation({ ...online, mode: 'hybrid' })).toBe('Maison du bois, 12 rue des Chais, 33000 Bordeaux / https://visio.example/x');
	});
});
