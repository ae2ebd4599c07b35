// The signed document of a member company's agreement to a shared position: the team and the company only.
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { pageError } from '$lib/server/http';
import { createStorage, type FileStorage } from '$lib/server/files/storage';
import { agreementDocument } from '$lib/server/pooling/service';

let storage: FileStorage | undefined;

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	storage ??= createStorage(db);
	const doc = await agreementDocument(db, storage, actor, params.id).catch((e) => {
		throw pageError(e);
	});
	return new Response(new Uint8Array(doc.data), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
