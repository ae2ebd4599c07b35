import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireAdminUser } from '$lib/server/auth/guards';
import { deleteUser, inviteUser, listUsers, updateUser } from '$lib/server/auth/users';
import { listOrganizations } from '$lib/server/crm/service';
import { failed, formAction } from '$lib/server/http';
import { formValues } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireAdminUser(locals, url);
	const { db } = (await getApp()).database;
	const orgs = await listOrganizations(db, actor, { perPage: 500 });
	return { users: await listUsers(db, actor), organizations: orgs.items.map((o) => ({ id: o.id, name: o.name })) };
};

export const actions: Actions = {
	invite: async ({ request, locals, url }) => {
		const actor = requireAdminUser(locals, url);
		const app = await getApp();
		const values = await formValues(request);
		const r = await formAction(
			locals.locale,
			values,
			() =>
				inviteUser(app.database.db, actor, values, async (email) => {
					await app.auth.api.requestPasswordReset({ body: { email, redirectTo: '/reset-password' } });
				}),
			'invite'
		);
		if (failed(r)) return r;
		return { form: 'invite', ok: true, email: values.email };
	},
	update: async ({ request, locals, url }) => {
		const actor = requireAdminUser(locals, url);
		const values = await formValues(request);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, values, () => updateUser(db, actor, values.id, { role: values.role, organizationId: values.organizationId || null }), `user-${values.id}`);
		if (failed(r)) return r;
		return { form: 'update', ok: true };
	},
	delete: async ({ request, locals, url }) => {
		const actor = requireAdminUser(locals, url);
		const values = await formValues(request);
		const { db } = (await getApp()).database;
		const r = await formAction(locals.locale, values, () => deleteUser(db, actor, values.id));
		if (failed(r)) return r;
		return { form: 'delete', ok: true };
	}
};
