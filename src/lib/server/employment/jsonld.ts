// schema.org JobPosting of an offer's public page, with every property Google's job search requires
// and those it recommends; serialised with showcase/jsonld.ts's jsonLdScript (no "<" left in the script).
import type { OfferView } from './service';

/** Google's employmentType values for our contract kind and working time. */
export function employmentTypes(o: Pick<OfferView, 'contractKind' | 'workingTime'>): string[] {
	const time = o.workingTime === 'part_time' ? 'PART_TIME' : 'FULL_TIME';
	switch (o.contractKind) {
		case 'permanent':
			return [time];
		case 'fixed_term':
		case 'apprenticeship':
			return [time, 'TEMPORARY'];
		case 'internship':
			return ['INTERN'];
		case 'freelance':
			return ['CONTRACTOR'];
		default:
			return ['OTHER'];
	}
}

const UNIT: Record<string, string> = { year: 'YEAR', month: 'MONTH', hour: 'HOUR' };

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The plain-text description as simple HTML (paragraphs, line breaks), every character of it escaped. */
export function descriptionHtml(text: string): string {
	return text
		.trim()
		.split(/\n\s*\n/)
		.map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
		.join('');
}

export function jobPostingJsonLd(o: OfferView, origin: string): Record<string, unknown> {
	const url = `${origin}/jobs/${o.slug}`;
	const hiring: Record<string, unknown> = { '@type': 'Organization', name: o.organizationName };
	const sameAs = [o.organizationWebsite, o.organizationSlug ? `${origin}/members/${o.organizationSlug}` : null].filter(Boolean) as string[];
	if (sameAs.length) hiring.sameAs = sameAs.length === 1 ? sameAs[0] : sameAs;
	if (o.organizationLogoKey) hiring.logo = `${origin}/files/${o.organizationLogoKey}`;
	const doc: Record<string, unknown> = {
		'@context': 'https://schema.org',
		'@type': 'JobPosting',
		title: o.title,
		description: descriptionHtml(o.description),
		url,
		identifier: { '@type': 'PropertyValue', name: o.organizationName, value: o.id },
		datePosted: (o.publishedAt ?? o.createdAt).toISOString(),
		employmentType: employmentTypes(o),
		hiringOrganization: hiring,
		directApply: o.applyMethod === 'platform'
	};
	if (o.expiresAt) doc.validThrough = o.expiresAt.toISOString();
	if (o.communeName) {
		doc.jobLocation = {
			'@type': 'Place',
			address: {
				'@type': 'PostalAddress',
				addressLocality: o.communeName,
				...(o.postalCode ? { postalCode: o.postalCode } : {}),
				...(o.regionName ? { addressRegion: o.regionName } : {}),
				addressCountry: 'FR'
			},
			...(o.lat !== null && o.lon !== null ? { geo: { '@type': 'GeoCoordinates', latitude: o.lat, longitude: o.lon } } : {})
		};
	}
	if (o.remote === 'full') {
		doc.jobLocationType = 'TELECOMMUTE';
		doc.applicantLocationRequirements = { '@type': 'Country', name: 'FR' };
	}
	if (o.salaryPeriod && (o.salaryMinCents !== null || o.salaryMaxCents !== null)) {
		const min = o.salaryMinCents !== null ? o.salaryMinCents / 100 : null;
		const max = o.salaryMaxCents !== null ? o.salaryMaxCents / 100 : null;
		doc.baseSalary = {
			'@type': 'MonetaryAmount',
			currency: 'EUR',
			value: {
				'@type': 'QuantitativeValue',
				...(min !== null && max !== null && min !== max ? { minValue: min, maxValue: max } : { value: (min ?? max)! }),
				unitText: UNIT[o.salaryPeriod]
			}
		};
	}
	if (o.tradeName) doc.occupationalCategory = o.tradeName;
	if (o.competencies.length) doc.skills = o.competencies.map((c) => c.name).join(', ');
	if (o.weeklyHours) doc.workHours = `${String(o.weeklyHours).replace('.', ',')} h / semaine`;
	if (o.startAsap || o.startDate) doc.jobStartDate = o.startAsap ? new Date().toISOString().slice(0, 10) : o.startDate;
	return doc;
}
