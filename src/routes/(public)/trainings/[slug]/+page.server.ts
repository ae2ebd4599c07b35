import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { pageError } from '$lib/server/http';
import { publicTraining } from '$lib/server/trainings/service';
import { courseJsonLd } from '$lib/server/trainings/jsonld';
import { jsonLdScript } from '$lib/server/showcase/jsonld';

export const load: PageServerLoad = async ({ params }) => {
	const app = await getApp();
	const { db } = app.database;
	const training = await publicTraining(db, params.slug).catch((e) => {
		throw pageError(e);
	});
	return { training, jsonLd: jsonLdScript(courseJsonLd(training, app.baseURL)) };
};
