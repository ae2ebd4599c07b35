import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { t } from '$lib/i18n/t';
import { computeResults } from '$lib/server/surveys/service';
import { questionChart } from '$lib/server/surveys/charts';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const filter = {
		sizeBand: url.searchParams.get('sizeBand') ?? '',
		departementCode: url.searchParams.get('departementCode') ?? '',
		organizationStatus: url.searchParams.get('organizationStatus') ?? ''
	};
	const results = await computeResults(db, actor, params.id, filter).catch((e) => {
		throw pageError(e);
	});
	const other = t('surveys_other', {}, locals.locale);
	return {
		filter,
		query: url.search,
		responses: results.responses,
		invited: results.invited,
		completed: results.completed,
		responseRate: results.responseRate,
		facets: results.facets,
		withheld: results.withheld,
		// The SVG is drawn here (ECharts escapes every text it draws); the page shows the figures beside it.
		questions: results.questions.map((r) => ({ ...r, question: { id: r.question.id, key: r.question.key, label: r.question.label, type: r.question.type }, chart: r.answered ? questionChart(r, other) : null }))
	};
};
