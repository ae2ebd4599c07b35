import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireAdminUser } from '$lib/server/auth/guards';
import { readOutboxMessage } from '$lib/server/mail/transport';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireAdminUser(locals, url);
	const mail = await readOutboxMessage((await getApp()).outboxDir, params.file);
	if (!mail) error(404, 'not_found');
	// The plain-text part: it holds the links, and shows no HTML from a mail.
	return { file: params.file, subject: mail.subject, to: mail.to, text: mail.text, raw: mail.raw };
};
