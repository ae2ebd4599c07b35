// The offer form as the pages send it (competencies as repeated checkboxes) and an offer as the form shows it.
import type { OfferView } from './service';

export async function offerFormValues(request: Request): Promise<{ values: Record<string, unknown>; intent: string }> {
	const form = await request.formData();
	const values: Record<string, unknown> = {};
	for (const [k, v] of form) if (typeof v === 'string' && k !== 'competencyIds' && k !== 'intent') values[k] = v;
	values.competencyIds = form.getAll('competencyIds').filter((v): v is string => typeof v === 'string');
	return { values, intent: String(form.get('intent') ?? '') };
}

const euros = (cents: number | null) => (cents === null ? '' : String(cents / 100).replace('.', ','));

export function offerToFormValues(o: OfferView): Record<string, unknown> {
	return {
		organizationId: o.organizationId,
		title: o.title,
		tradeId: o.tradeId ?? '',
		competencyIds: o.competencies.map((c) => c.id),
		description: o.description,
		commune: o.communeName ? `${o.communeName}${o.postalCode ? ` ${o.postalCode}` : ''}` : '',
		remote: o.remote,
		contractKind: o.contractKind,
		durationMonths: o.durationMonths ?? '',
		workingTime: o.workingTime,
		weeklyHours: o.weeklyHours === null ? '' : String(o.weeklyHours).replace('.', ','),
		salaryMin: euros(o.salaryMinCents),
		salaryMax: euros(o.salaryMaxCents),
		salaryPeriod: o.salaryPeriod ?? '',
		startAsap: o.startAsap ? 'on' : '',
		startDate: o.startDate ?? '',
		applyMethod: o.applyMethod,
		applyEmail: o.applyMethod === 'email' ? (o.applyValue ?? '') : '',
		applyUrl: o.applyMethod === 'url' ? (o.applyValue ?? '') : ''
	};
}
