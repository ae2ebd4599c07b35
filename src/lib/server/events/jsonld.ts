// schema.org Event of a public event page, for search engines (serialised with showcase/jsonld.ts's jsonLdScript).
import { instantToParisLocal } from '../dates';
import type { EventView } from './service';

/** The instant as France's wall clock with its offset, "2026-12-03T09:00:00+01:00" (what schema.org readers expect). */
export function parisIsoWithOffset(instant: Date): string {
	const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
	const local = instantToParisLocal(minute);
	const offset = Math.round((Date.parse(`${local}:00Z`) - minute.getTime()) / 60_000);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const ATTENDANCE: Record<string, string> = {
	on_site: 'https://schema.org/OfflineEventAttendanceMode',
	online: 'https://schema.org/OnlineEventAttendanceMode',
	hybrid: 'https://schema.org/MixedEventAttendanceMode'
};

export function eventJsonLd(
	e: EventView,
	baseUrl: string,
	cluster: { name: string; website: string | null },
	labels: { memberPrice: string; nonMemberPrice: string }
): Record<string, unknown> {
	const url = `${baseUrl}/events/${e.slug}`;
	const place =
		e.venue || e.addressLine || e.communeName
			? {
					'@type': 'Place',
					name: e.venue ?? e.communeName ?? e.title,
					address: {
						'@type': 'PostalAddress',
						...(e.addressLine ? { streetAddress: e.addressLine } : {}),
						...(e.postalCode ? { postalCode: e.postalCode } : {}),
						...(e.communeName ? { addressLocality: e.communeName } : {}),
						addressCountry: 'FR'
					}
				}
			: null;
	// The meeting link is given to registrants only: the virtual location points to the event's page.
	const virtual = { '@type': 'VirtualLocation', url };
	const location = e.mode === 'online' ? virtual : e.mode === 'hybrid' ? [...(place ? [place] : []), virtual] : place;
	const description = e.summary ?? e.description;
	const availability = e.remaining === 0 ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock';
	const offer = (cents: number | null, name?: string) => ({
		'@type': 'Offer',
		...(name ? { name } : {}),
		price: ((cents ?? 0) / 100).toFixed(2),
		priceCurrency: 'EUR',
		availability,
		url,
		validFrom: parisIsoWithOffset(e.registrationOpensAt ?? e.createdAt)
	});
	const offers =
		e.priceMemberCents === e.priceNonMemberCents
			? offer(e.priceNonMemberCents)
			: [offer(e.priceNonMemberCents, labels.nonMemberPrice), offer(e.priceMemberCents, labels.memberPrice)];
	return {
		'@context': 'https://schema.org',
		'@type': 'Event',
		'@id': url,
		name: e.title,
		url,
		startDate: parisIsoWithOffset(e.startsAt),
		endDate: parisIsoWithOffset(e.endsAt),
		eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
		eventAttendanceMode: ATTENDANCE[e.mode] ?? ATTENDANCE.on_site,
		...(location ? { location } : {}),
		...(description ? { description: description.length > 500 ? description.slice(0, 497) + '…' : description } : {}),
		organizer: { '@type': 'Organization', name: cluster.name, url: cluster.website ?? baseUrl },
		offers,
		inLanguage: 'fr-FR'
	};
}
