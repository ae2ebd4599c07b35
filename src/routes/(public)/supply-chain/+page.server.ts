import type { PageServerLoad } from './$types';
import { getApp } from '$lib/server/app';
import { listCompetencies, supplyChainData } from '$lib/server/showcase/service';
import { layoutSupplyChain } from '$lib/server/showcase/supply-chain-layout';

// Plain SVG drawn on the server, filters through a GET form: nothing needs JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ url }) => {
	const { db } = (await getApp()).database;
	const material = url.searchParams.get('material')?.trim() || undefined;
	const competency = url.searchParams.get('competency')?.trim() || undefined;
	const data = await supplyChainData(db, { material, competency });
	const layout = layoutSupplyChain({ stages: data.stages, organizations: data.organizations, links: data.links }, { width: 960 });
	const competencies = (await listCompetencies(db)).filter((c) => c.count > 0);
	return { layout, materials: data.materials, competencies, material: material ?? '', competency: competency ?? '', hasStages: data.stages.length > 0 };
};
