// An offer as the REST API returns it (snake_case like the directory's public API; amounts in cents).
import type { OfferView } from './service';

export function offerJson(o: OfferView, origin: string) {
	return {
		id: o.id,
		slug: o.slug,
		url: `${origin}/jobs/${o.slug}`,
		title: o.title,
		status: o.status,
		live: o.live,
		organization: { id: o.organizationId, name: o.organizationName, url: o.organizationSlug ? `${origin}/members/${o.organizationSlug}` : null },
		trade: o.tradeId ? { id: o.tradeId, name: o.tradeName, slug: o.tradeSlug } : null,
		competencies: o.competencies,
		description: o.description,
		commune: o.communeName,
		commune_insee: o.communeInsee,
		postal_code: o.postalCode,
		departement: o.departementCode,
		remote: o.remote,
		contract_kind: o.contractKind,
		duration_months: o.durationMonths,
		working_time: o.workingTime,
		weekly_hours: o.weeklyHours,
		salary_min_cents: o.salaryMinCents,
		salary_max_cents: o.salaryMaxCents,
		salary_period: o.salaryPeriod,
		start_date: o.startDate,
		start_asap: o.startAsap,
		apply_method: o.applyMethod,
		apply_value: o.applyValue,
		published_at: o.publishedAt?.toISOString() ?? null,
		expires_at: o.expiresAt?.toISOString() ?? null,
		...(o.distanceKm !== undefined ? { distance_km: o.distanceKm } : {})
	};
}
