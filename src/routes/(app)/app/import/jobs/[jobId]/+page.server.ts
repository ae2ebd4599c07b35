import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getImportJob } from '$lib/server/crm/import-job';
import { pageError } from '$lib/server/http';
import { describeIssue } from '$lib/server/crm/import';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const job = await getImportJob((await getApp()).database.db, actor, params.jobId).catch((e) => {
		throw pageError(e);
	});
	const issues = job.result && !job.result.ok ? job.result.issues.map((i) => describeIssue(i, [], locals.locale)) : [];
	return { job, issues };
};
