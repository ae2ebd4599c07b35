import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { requireAdminUser } from '$lib/server/auth/guards';
import { readOutboxFile } from '$lib/server/mail/transport';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireAdminUser(locals, url);
	const raw = readOutboxFile((await getApp()).outboxDir, params.file);
	if (raw === null) error(404, 'not_found');
	// Show the plain-text part: it holds the links, and needs no HTML rendering of mail content.
	const text = /Content-Type: text\/plain[^\n]*\n(?:[^\n]+\n)*\n([\s\S]*?)(?:\n--[^\n]+)/i.exec(raw)?.[1] ?? raw;
	const decoded = /Content-Transfer-Encoding: quoted-printable/i.test(raw)
		? Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
		: text;
	return { file: params.file, text: decoded, raw };
};
