// The schema.org Event of a public event page: French wall-clock times with their offset, place or
// virtual location, offers, and nothing that closes the <script> it is written into.
import { describe, expect, it } from 'vitest';
import { eventJsonLd, parisIsoWithOffset } from './jsonld';
import { jsonLdScript } from '../showcase/jsonld';
import type { EventView } from './service';

const cluster = { name: 'Cluster Bois', website: 'https://cluster-bois.example' };
const labels = { memberPrice: 'Adhérents', nonMemberPrice: 'Non-adhérents' };

function event(over: Partial<EventView> = {}): EventView {
	return {
		id: 'e1', slug: 'atelier-2026-12-03', kindId: null, kindName: 'Atelier', title: 'Atelier </script> bois', summary: 'Un atelier', description: null,
		startsAt: new Date('2026-12-03T08:00:00Z'), endsAt: new Date('2026-12-03T11:00:00Z'), mode: 'on_site', onlineUrl: 'https://visio.example/secret',
		venue: 'Scierie Dupont', addressLine: '1 route des Pins', postalCode: '40000', communeInsee: '40192', communeName: 'Mont-de-Marsan',
		capacity: 10, registrationOpensAt: null, registrationClosesAt: null, priceMemberCents: 1500, priceNonMemberCents: 3500, audience: 'public',
		status: 'published', questions: [], hasBusinessMeetings: false, registrationSeq: 0, icsSequence: 0, createdBy: null,
		createdAt: new Date('2026-10-01T10:00:00Z'), updatedAt: new Date('2026-10-01T10:00:00Z'), confirmed: 10, waitlisted: 2, checkedIn: 0, remaining: 0,
		...over
	};
}

describe('event JSON-LD', () => {
	it('writes times as France reads them, with the winter or summer offset', () => {
		expect(parisIsoWithOffset(new Date('2026-12-03T08:00:00Z'))).toBe('2026-12-03T09:00:00+01:00');
		expect(parisIsoWithOffset(new Date('2026-06-15T16:30:00Z'))).toBe('2026-06-15T18:30:00+02:00');
	});

	it('describes an event on site, sold out, with a price per audience', () => {
		const doc = eventJsonLd(event(), 'https://grappe.example', cluster, labels);
		expect(doc).toMatchObject({
			'@type': 'Event',
			startDate: '2026-12-03T09:00:00+01:00',
			endDate: '2026-12-03T12:00:00+01:00',
			eventStatus: 'https://schema.org/EventScheduled',
			eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
			location: { '@type': 'Place', name: 'Scierie Dupont', address: { postalCode: '40000', addressLocality: 'Mont-de-Marsan', addressCountry: 'FR' } },
			organizer: { name: 'Cluster Bois', url: 'https://cluster-bois.example' },
			url: 'https://grappe.example/events/atelier-2026-12-03'
		});
		const offers = doc.offers as { price: string; availability: string; priceCurrency: string }[];
		expect(offers.map((o) => o.price)).toEqual(['35.00', '15.00']);
		expect(offers.every((o) => o.availability === 'https://schema.org/SoldOut' && o.priceCurrency === 'EUR')).toBe(true);
		expect(jsonLdScript(doc)).not.toContain('</script>');
	});

	it('keeps the meeting link of an online event out, and marks a cancellation', () => {
		const doc = eventJsonLd(event({ mode: 'online', status: 'cancelled', remaining: 3, priceMemberCents: null, priceNonMemberCents: null }), 'https://grappe.example', cluster, labels);
		expect(doc.location).toEqual({ '@type': 'VirtualLocation', url: 'https://grappe.example/events/atelier-2026-12-03' });
		expect(doc.eventStatus).toBe('https://schema.org/EventCancelled');
		expect(doc.offers).toMatchObject({ price: '0.00', availability: 'https://schema.org/InStock' });
		expect(JSON.stringify(doc)).not.toContain('visio.example');
	});
});
