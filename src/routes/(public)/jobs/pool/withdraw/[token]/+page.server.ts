import type { Actions, PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { NotFoundError } from '$lib/server/errors';
import { createStorage, type FileStorage } from '$lib/server/files/storage';
import { poolEntryByToken, withdrawFromPool } from '$lib/server/employment/pool';

let storage: FileStorage | undefined;

export const load: PageServerLoad = async ({ params }) => {
	const { db } = (await getApp()).database;
	try {
		return { entry: { name: (await poolEntryByToken(db, params.token)).name } };
	} catch (e) {
		if (e instanceof NotFoundError) return { entry: null };
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ params }) => {
		const { db } = (await getApp()).database;
		storage ??= createStorage(db);
		try {
			await withdrawFromPool(db, storage, params.token);
		} catch (e) {
			if (e instanceof NotFoundError) return { unknown: true };
			throw e;
		}
		return { withdrawn: true };
	}
};
