// schema.org Course (with its CourseInstances) for a training's public page.
import type { PublicTraining } from './service';

export function courseJsonLd(tr: PublicTraining, baseUrl: string): Record<string, unknown> {
	const mode = tr.mode === 'online' ? 'online' : tr.mode === 'blended' ? 'blended' : 'onsite';
	const location = tr.communeName ? { '@type': 'Place', name: tr.communeName, address: { '@type': 'PostalAddress', addressLocality: tr.communeName, addressCountry: 'FR' } } : undefined;
	return {
		'@context': 'https://schema.org',
		'@type': 'Course',
		name: tr.title,
		description: tr.content ?? tr.objectives ?? tr.title,
		url: `${baseUrl}/trainings/${tr.slug}`,
		provider: { '@type': 'Organization', name: tr.providerName, ...(tr.providerWebsite ? { sameAs: tr.providerWebsite } : {}) },
		...(tr.certification ? { educationalCredentialAwarded: tr.certification } : {}),
		...(tr.level ? { educationalLevel: tr.level } : {}),
		...(tr.objectives ? { teaches: tr.objectives } : {}),
		...(tr.durationHours ? { timeRequired: `PT${tr.durationHours}H` } : {}),
		inLanguage: 'fr',
		hasCourseInstance: (tr.sessions.length ? tr.sessions : [null]).map((s) => ({
			'@type': 'CourseInstance',
			courseMode: mode,
			...(s ? { startDate: s.startsOn, ...(s.endsOn ? { endDate: s.endsOn } : {}) } : {}),
			...(location && mode !== 'online' ? { location } : {}),
			...(tr.durationHours ? { courseWorkload: `PT${tr.durationHours}H` } : {})
		}))
	};
}
