// An application's CV, for its company's members and the team only (the file itself is never public).
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { requireUser } from '$lib/server/auth/guards';
import { createStorage, type FileStorage } from '$lib/server/files/storage';
import { pageError } from '$lib/server/http';
import { applicationCv } from '$lib/server/employment/applications';
import { cvResponse } from '$lib/server/employment/pool';

let storage: FileStorage | undefined;

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireUser(locals, url);
	const { db } = (await getApp()).database;
	storage ??= createStorage(db);
	try {
		return cvResponse(await applicationCv(db, storage, actor, params.id));
	} catch (e) {
		throw pageError(e);
	}
};
