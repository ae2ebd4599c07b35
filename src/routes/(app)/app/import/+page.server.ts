import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireStaffUser } from '$lib/server/auth/guards';
import { saveUpload } from '$lib/server/files/service';
import { IMPORT_UPLOAD } from '$lib/server/crm/import-job';
import { InvalidError } from '$lib/server/errors';
import { fieldErrors } from '$lib/server/http';
import { t } from '$lib/i18n/t';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaffUser(locals, url);
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireStaffUser(locals, url);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: t('error_file_required', {}, locals.locale) } });
		if (!/\.(csv|txt|xlsx)$/i.test(file.name)) return fail(400, { errors: { file: t('error_file_type', {}, locals.locale) } });
		let id: string;
		try {
			const u = await saveUpload((await getApp()).database.db, actor, IMPORT_UPLOAD, { name: file.name, type: file.type, data: new Uint8Array(await file.arrayBuffer()) });
			id = u.id;
		} catch (e) {
			if (e instanceof InvalidError) return fail(400, { errors: fieldErrors(e.issues, locals.locale) });
			throw e;
		}
		redirect(303, `/app/import/${id}`);
	}
};
