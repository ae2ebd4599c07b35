import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { getUpload } from '$lib/server/files/service';
import { IMPORT_UPLOAD, queueImport } from '$lib/server/crm/import-job';
import { IMPORT_FIELDS, describeIssue, previewImport, type OnDuplicate } from '$lib/server/crm/import';
import { pageError } from '$lib/server/http';
import { fieldLabel } from '$lib/server/crm/export';

const DUPLICATE_CHOICES = ['skip', 'update', 'create'] as const;

function options(params: URLSearchParams) {
	const map = params.getAll('map');
	const od = params.get('onDuplicate');
	return {
		mapping: map.length ? map.map((f) => ((IMPORT_FIELDS as readonly string[]).includes(f) ? (f as (typeof IMPORT_FIELDS)[number]) : null)) : undefined,
		onDuplicate: ((DUPLICATE_CHOICES as readonly string[]).includes(od ?? '') ? od : 'skip') as OnDuplicate
	};
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireStaffUser(locals, url);
	const { db } = (await getApp()).database;
	const upload = await getUpload(db, actor, params.uploadId, IMPORT_UPLOAD).catch((e) => {
		throw pageError(e);
	});
	const opts = options(url.searchParams);
	const preview = await previewImport(db, actor, { name: upload.filename, type: upload.contentType ?? undefined, data: upload.data }, opts);
	const l = locals.locale;
	return {
		filename: upload.filename,
		onDuplicate: opts.onDuplicate,
		fields: IMPORT_FIELDS.map((f) => ({ value: f, label: fieldLabel(f, l) })),
		preview: {
			...preview,
			fileIssues: preview.fileIssues.map((i) => describeIssue(i, preview.columns, l)),
			// The page shows the rows that need attention first, and a sample of the rest.
			rows: [...preview.rows.filter((r) => r.issues.length || r.duplicates.length), ...preview.rows.filter((r) => !r.issues.length && !r.duplicates.length).slice(0, 20)]
				.slice(0, 300)
				.map((r) => ({ ...r, issueTexts: r.issues.map((i) => describeIssue(i, preview.columns, l)) }))
		}
	};
};

export const actions: Actions = {
	commit: async ({ request, locals, url, params }) => {
		const actor = requireStaffUser(locals, url);
		const form = await request.formData();
		const p = new URLSearchParams();
		for (const v of form.getAll('map')) p.append('map', String(v));
		p.set('onDuplicate', String(form.get('onDuplicate') ?? 'skip'));
		const opts = options(p);
		const jobId = await queueImport((await getApp()).database.db, actor, { uploadId: params.uploadId, ...opts }).catch((e) => {
			throw pageError(e);
		});
		(await getApp()).worker.poke();
		redirect(303, `/app/import/jobs/${jobId}`);
	}
};
