// The public directory on a real engine: who is listed, French search, typos, ranking, facets, distance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { InvalidError } from '../errors';
import { makeMembership, makeOrganization, makePerson, factoryActor } from '../testing/factories';
import { updateOrganization, updatePerson } from '../crm/service';
import { createReference, saveCompetencies, saveReferenceKinds, setShowcaseListed, updateShowcase } from '../showcase/service';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { showcases } from '../showcase/schema';
import { parseDirectoryParams, searchDirectory, stemsToTerms, directoryParams } from './search';

let database: Database;
let db: Db;
const year = new Date().getFullYear();

/** A listed member: status member, a paid membership, a contact who consented to public listing. */
async function listed(name: string, overrides: Record<string, unknown> = {}, content: Record<string, unknown> = {}) {
	const org = await makeOrganization(db, { name, status: 'member', ...overrides });
	await makePerson(db, org.id, { consentPublicListing: true });
	await makeMembership(db, org.id, { paid: true, year: year - 2 });
	if (Object.keys(content).length) await updateShowcase(db, factoryActor, org.id, content);
	return org;
}

const search = async (qs: string) => searchDirectory(db, parseDirectoryParams(new URLSearchParams(qs)));
const names = async (qs: string) => (await search(qs)).items.map((i) => i.name);

let ids: Record<string, string> = {};

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	const comps = await saveCompetencies(db, factoryActor, [{ name: 'Charpente' }, { name: 'Isolation biosourcée' }, { name: 'Menuiserie extérieure' }]);
	const c = Object.fromEntries(comps.map((x) => [x.name, x.id]));
	ids = {
		charpente: (await listed('Charpentes Dupuy', { postalCode: '33000' }, { competencyIds: [c['Charpente']], portrait: 'Charpentier depuis 1950, nous réalisons des charpentes traditionnelles en chêne.', labels: 'Qualibat' })).id,
		menuiserie: (await listed('Menuiserie Écologique du Médoc', { postalCode: '33700' }, { competencyIds: [c['Menuiserie extérieure']], portrait: 'Fenêtres et portes en bois local, isolées avec de la fibre de bois.', labels: 'RGE\nQualibat' })).id,
		palettes: (await listed('Palettes Lafargue', { postalCode: '64100' }, { productsServices: 'Palettes et caisses sur mesure.', materials: 'pin maritime' })).id,
		isolation: (await listed('Isoléco', { postalCode: '87000' }, { competencyIds: [c['Isolation biosourcée']], portrait: 'Isolation des combles à la ouate de cellulose et à la fibre de bois ; charpente si besoin.' })).id
	};
	// Not listed: a prospect that consented, a member without consent.
	const prospect = await makeOrganization(db, { name: 'Charpente Prospect', status: 'prospect', postalCode: '33000' });
	await makePerson(db, prospect.id, { consentPublicListing: true });
	const quiet = await makeOrganization(db, { name: 'Charpente Discrète', status: 'member', postalCode: '33000' });
	await makePerson(db, quiet.id, { consentPublicListing: false });
	ids.quiet = quiet.id;
}, 60_000);

afterAll(async () => {
	await database?.close();
});

describe('who is listed', () => {
	it('lists members with a consenting contact, and no one else', async () => {
		const r = await search('');
		expect(r.items.map((i) => i.name).sort()).toEqual(['Charpentes Dupuy', 'Isoléco', 'Menuiserie Écologique du Médoc', 'Palettes Lafargue']);
		expect(r.total).toBe(4);
	});

	it('follows consent, status and the team hiding a page, as they change', async () => {
		const [quietContact] = await queryRows<{ id: string }>(db, sql`select id from people where organization_id = ${ids.quiet}`);
		await updatePerson(db, factoryActor, quietContact.id, { firstName: 'Jo', lastName: 'Discret', consentPublicListing: true });
		expect(await names('q=discrete')).toEqual(['Charpente Discrète']);
		await setShowcaseListed(db, factoryActor, ids.quiet, false);
		expect(await names('q=discrete')).toEqual([]);
		await setShowcaseListed(db, factoryActor, ids.quiet, true);
		expect(await names('q=discrete')).toEqual(['Charpente Discrète']);
		await updatePerson(db, factoryActor, quietContact.id, { firstName: 'Jo', lastName: 'Discret', consentPublicListing: false });
		expect(await names('q=discrete')).toEqual([]);
	});

	it('gives each organization a unique slug from its name', async () => {
		const other = await makeOrganization(db, { name: 'Charpentes Dupuy' });
		const slugs = await db.select({ slug: showcases.slug }).from(showcases).where(eq(showcases.organizationId, other.id));
		expect(slugs[0].slug).toBe('charpentes-dupuy-2');
		const r = await search('q=dupuy');
		expect(r.items[0].slug).toBe('charpentes-dupuy');
	});
});

describe('French search', () => {
	it('ignores accents and case', async () => {
		expect(await names('q=ecologique')).toEqual(['Menuiserie Écologique du Médoc']);
		expect(await names('q=MÉDOC')).toEqual(['Menuiserie Écologique du Médoc']);
		expect(await names('q=isoleco')).toEqual(['Isoléco']);
	});

	it('matches singular and plural, and inflections of a trade', async () => {
		const charpente = await names('q=charpente');
		expect(charpente[0]).toBe('Charpentes Dupuy');
		expect(charpente).toContain('Isoléco');
		expect(await names('q=charpentier')).toContain('Charpentes Dupuy');
		expect(await names('q=palette')).toEqual(['Palettes Lafargue']);
		expect(await names('q=fenetre')).toEqual(['Menuiserie Écologique du Médoc']);
		expect(await names('q=menuisier')).toEqual(['Menuiserie Écologique du Médoc']);
	});

	it('requires every word, searching competencies, labels, materials and the NAF activity too', async () => {
		expect(await names('q=fibre de bois')).toEqual(expect.arrayContaining(['Menuiserie Écologique du Médoc', 'Isoléco']));
		expect(await names('q=fibre combles')).toEqual(['Isoléco']);
		expect(await names('q=biosourcee')).toEqual(['Isoléco']);
		expect(await names('q=pin maritime')).toEqual(['Palettes Lafargue']);
		expect((await names('q=qualibat')).sort()).toEqual(['Charpentes Dupuy', 'Menuiserie Écologique du Médoc']);
	});

	it('finds as you type (the last word as a prefix)', async () => {
		expect(await names('q=charp')).toContain('Charpentes Dupuy');
		expect(await names('q=menuis')).toEqual(['Menuiserie Écologique du Médoc']);
	});

	it('tolerates a misspelt company name', async () => {
		expect(await names('q=lafarge')).toEqual(['Palettes Lafargue']);
		expect(await names('q=charpente dupui')).toContain('Charpentes Dupuy');
		expect((await names('q=menuiserie ecolojique'))[0]).toBe('Menuiserie Écologique du Médoc');
	});

	it('requires each word, and forgives a typo in each word of a name', async () => {
		// Isoléco mentions charpente but is in Limoges.
		expect(await names('q=charpente bordeaux')).toEqual(['Charpentes Dupuy']);
		expect(await names('q=charpantes dupuy')).toEqual(['Charpentes Dupuy']);
		expect(await names('q=charpantes limoges')).toEqual([]);
		// Two letters swapped count as one typo.
		expect(await names('q=dupyu')).toEqual(['Charpentes Dupuy']);
	});

	it('ranks a name match before a mention in the text', async () => {
		const r = await names('q=charpente&sort=relevance');
		expect(r.indexOf('Charpentes Dupuy')).toBeLessThan(r.indexOf('Isoléco'));
	});

	it('builds prefix terms from stems', () => {
		const t = (stems: (string | null)[]) => stemsToTerms(stems).map((x) => `${x.stem}${x.prefix ? '*' : ''}`);
		expect(t(['menuisi'])).toEqual(['menuis*']);
		expect(t(['bois', 'local'])).toEqual(['bois', 'local*']);
		expect(t(['de', null, 'pin'])).toEqual(['de', 'pin*']);
		expect(t([null])).toEqual([]);
		expect(t(["x' | y"])).toEqual([]);
	});
});

describe('filters and facets', () => {
	it('counts each facet over the matching organizations', async () => {
		const r = await search('q=bois');
		const dep = Object.fromEntries(r.facets.departement.map((f) => [f.value, f.count]));
		expect(dep).toEqual({ '33': 1, '87': 1 });
		expect(r.facets.label.find((f) => f.value === 'RGE')?.count).toBe(1);
		expect(r.facets.competency.map((f) => f.label).sort()).toEqual(['Isolation biosourcée', 'Menuiserie extérieure']);
		expect(r.facets.seniority).toEqual([{ value: '2_4', label: '2_4', count: 2 }]);
		expect(r.facets.region).toEqual([{ value: '75', label: 'Nouvelle-Aquitaine', count: 2 }]);
	});

	it('filters by competency, département, label, size and NAF section, combined', async () => {
		const all = await search('');
		const comp = all.facets.competency.find((f) => f.label === 'Charpente')!;
		expect(await names(`competency=${comp.value}`)).toEqual(['Charpentes Dupuy']);
		expect((await names('departement=33')).sort()).toEqual(['Charpentes Dupuy', 'Menuiserie Écologique du Médoc']);
		expect(await names('departement=33&label=RGE')).toEqual(['Menuiserie Écologique du Médoc']);
		expect((await names('departement=33&departement=64')).length).toBe(3);
		expect(await names('size=250_plus')).toEqual([]);
	});

	it('finds organizations near a commune, nearest first, within the radius', async () => {
		// Bordeaux (33063): Bordeaux itself, Mérignac at ~10 km; Bayonne and Limoges are far.
		const r = await search('near=33063&radius_km=30');
		expect(r.items.map((i) => i.name)).toEqual(['Charpentes Dupuy', 'Menuiserie Écologique du Médoc']);
		expect(r.sort).toBe('distance');
		expect(r.items[1].distanceKm).toBeGreaterThan(3);
		expect(r.items[1].distanceKm).toBeLessThan(20);
		expect(r.origin?.name).toBe('Bordeaux');
		const wide = await search('near=33063&radius_km=200&q=palettes');
		expect(wide.items.map((i) => i.name)).toEqual(['Palettes Lafargue']);
		expect(wide.items[0].distanceKm).toBeGreaterThan(150);
	});

	it('pages through results with a stable order', async () => {
		const p1 = await search('per_page=2&sort=name');
		const p2 = await search('per_page=2&sort=name&page=2');
		expect(p1.total).toBe(p2.total);
		expect([...p1.items, ...p2.items].map((i) => i.name)).toEqual((await names('sort=name')).slice(0, 4));
	});

	it('names the parameter that is wrong', async () => {
		for (const [qs, field] of [
			['per_page=1000', 'per_page'],
			['page=zero', 'page'],
			['naf=Z', 'naf'],
			['size=huge', 'size'],
			['near=99999', 'near'],
			['radius_km=-3', 'radius_km']
		]) {
			const e = await search(qs).catch((x) => x);
			expect(e, qs).toBeInstanceOf(InvalidError);
			expect((e as InvalidError).issues.map((i) => i.path.split('.')[0])).toContain(field);
		}
	});

	it('round-trips its state through URL parameters', () => {
		const q = parseDirectoryParams(new URLSearchParams('q=bois&departement=33&departement=40&near=33063&radius_km=50&page=2'));
		expect(directoryParams(q).toString()).toBe('q=bois&departement=33&departement=40&near=33063&radius_km=50&page=2');
	});
});

describe('changes reach the directory at once', () => {
	it('keeps the search index of every process exact (another connection, another index)', async () => {
		// Two Db objects hold two indexes, as two server processes would.
		const other = (database.pglite ? drizzlePglite(database.pglite) : drizzlePg(database.pool!)) as unknown as Db;
		const otherNames = async (qs: string) => (await searchDirectory(other, parseDirectoryParams(new URLSearchParams(qs)))).items.map((i) => i.name);
		expect(await otherNames('q=dupuy')).toEqual(['Charpentes Dupuy']);
		await updateShowcase(db, factoryActor, ids.charpente, { portrait: 'Charpentes et tavaillons de mélèze.' });
		expect(await otherNames('q=tavaillon')).toEqual(['Charpentes Dupuy']);
		// The change log was pruned past what this index saw: it reloads everything.
		await db.execute(sql`update directory_state set pruned_below = version + 1`);
		await updateShowcase(db, factoryActor, ids.charpente, { portrait: 'Charpentes et bardeaux de mélèze.' });
		expect(await otherNames('q=tavaillon')).toEqual([]);
		expect(await otherNames('q=bardeau')).toEqual(['Charpentes Dupuy']);
		// Emptied, then rebuilt.
		await db.execute(sql`truncate directory_entries`);
		expect((await searchDirectory(other, parseDirectoryParams(new URLSearchParams('')))).total).toBe(0);
		await db.execute(sql`select directory_refresh(array(select id from organizations))`);
		expect(await names('q=bardeau')).toEqual(['Charpentes Dupuy']);
		expect(await otherNames('q=bardeau')).toEqual(['Charpentes Dupuy']);
	});

	it('renames a reference kind in the facets at once', async () => {
		const kinds = await saveReferenceKinds(db, factoryActor, [{ name: 'Réhabilitation' }]);
		await createReference(db, factoryActor, ids.charpente, { title: 'Halle du marché', kindId: kinds[0].id });
		expect((await search('q=dupuy')).facets.kind).toEqual([{ value: kinds[0].id, label: 'Réhabilitation', count: 1 }]);
		await saveReferenceKinds(db, factoryActor, [{ id: kinds[0].id, name: 'Rénovation' }]);
		expect((await search('q=dupuy')).facets.kind).toEqual([{ value: kinds[0].id, label: 'Rénovation', count: 1 }]);
	});

	it('reindexes a renamed organization and a changed portrait', async () => {
		await updateOrganization(db, factoryActor, ids.palettes, { name: 'Emballages Lafargue', status: 'member', postalCode: '64100', sizeBand: '1_9' });
		expect(await names('q=emballages')).toEqual(['Emballages Lafargue']);
		await updateShowcase(db, factoryActor, ids.palettes, { portrait: 'Tonnellerie et caisserie.', materials: 'chêne' });
		expect(await names('q=tonnellerie')).toEqual(['Emballages Lafargue']);
		expect(await names('q=pin maritime')).toEqual([]);
	});
});
