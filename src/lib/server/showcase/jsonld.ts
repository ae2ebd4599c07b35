// schema.org Organization of a public page, for search engines; serialised safely into a <script>.
import type { PublicShowcase } from './service';

const EMPLOYEES: Record<string, { minValue: number; maxValue?: number }> = {
	'0': { minValue: 0, maxValue: 0 },
	'1_9': { minValue: 1, maxValue: 9 },
	'10_49': { minValue: 10, maxValue: 49 },
	'50_249': { minValue: 50, maxValue: 249 },
	'250_plus': { minValue: 250 }
};

export function organizationJsonLd(p: PublicShowcase, origin: string, cluster: { name: string; website: string | null }): Record<string, unknown> {
	const url = `${origin}/members/${p.slug}`;
	const doc: Record<string, unknown> = {
		'@context': 'https://schema.org',
		'@type': 'Organization',
		'@id': url,
		name: p.name,
		url
	};
	if (p.website) doc.sameAs = [p.website];
	if (p.logoKey) doc.logo = `${origin}/files/${p.logoKey}`;
	if (p.coverKey) doc.image = `${origin}/files/${p.coverKey}`;
	const description = p.portrait ?? p.productsServices;
	if (description) doc.description = description.length > 500 ? description.slice(0, 497) + '…' : description;
	if (p.communeName || p.postalCode)
		doc.address = {
			'@type': 'PostalAddress',
			...(p.addressLine ? { streetAddress: p.addressLine } : {}),
			...(p.postalCode ? { postalCode: p.postalCode } : {}),
			...(p.communeName ? { addressLocality: p.communeName } : {}),
			...(p.regionName ? { addressRegion: p.regionName } : {}),
			addressCountry: 'FR'
		};
	if (p.lat !== null && p.lon !== null) doc.location = { '@type': 'Place', geo: { '@type': 'GeoCoordinates', latitude: p.lat, longitude: p.lon } };
	if (p.phone) doc.telephone = p.phone;
	if (p.siren) doc.identifier = { '@type': 'PropertyValue', propertyID: 'SIREN', value: p.siren };
	if (p.competencies.length || p.nafLabel) doc.knowsAbout = [...p.competencies.map((c) => c.name), ...(p.nafLabel ? [p.nafLabel] : [])];
	if (p.territory) doc.areaServed = p.territory;
	if (p.labels.length) doc.award = p.labels;
	if (p.sizeBand && EMPLOYEES[p.sizeBand]) doc.numberOfEmployees = { '@type': 'QuantitativeValue', ...EMPLOYEES[p.sizeBand] };
	doc.memberOf = { '@type': 'Organization', name: cluster.name, ...(cluster.website ? { url: cluster.website } : { url: origin }) };
	return doc;
}

/** JSON for a <script type="application/ld+json">: "<" escaped so no text can close the tag. */
export function jsonLdScript(doc: unknown): string {
	return JSON.stringify(doc).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
