import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireAdminUser } from '$lib/server/auth/guards';
import { listOutbox } from '$lib/server/mail/transport';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdminUser(locals, url);
	const app = await getApp();
	return { mailKind: app.mailer.kind, mails: await listOutbox(app.outboxDir) };
};
