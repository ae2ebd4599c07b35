import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { InvalidError } from '$lib/server/errors';
import { t } from '$lib/i18n/t';
import { compareEditions, comparisonChart, defaultPair, getBarometer, rankChoices } from '$lib/server/surveys/barometer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const locale = locals.locale === 'en' ? 'en' : 'fr';
	try {
		const series = await getBarometer(db, actor, params.id);
		const pair = { a: url.searchParams.get('a') ?? defaultPair(series)?.a ?? '', b: url.searchParams.get('b') ?? defaultPair(series)?.b ?? '' };
		const c = await compareEditions(db, actor, params.id, pair);
		const la = c.a.editionLabel ?? String(c.a.editionYear ?? 'A');
		const lb = c.b.editionLabel ?? String(c.b.editionYear ?? 'B');
		const other = t('diagnostics_other', {}, locale);
		const hard = c.questions.find((q) => q.key === 'hard-to-fill-trades');
		return {
			comparison: c,
			pair,
			la,
			lb,
			charts: Object.fromEntries(c.questions.map((q) => [q.key, comparisonChart(q, la, lb, other, locale)])),
			ranking: hard ? { label: hard.label, rows: rankChoices(hard) } : null
		};
	} catch (e) {
		if (e instanceof InvalidError) error(404, 'not_found');
		throw pageError(e);
	}
};
