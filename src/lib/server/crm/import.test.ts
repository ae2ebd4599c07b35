// Organization import and export on a real database: French files, bad rows, duplicates, round trips, volume.
import { organizationNameKey } from '../text';
import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { users } from '../auth/schema';
import { InvalidError, type FieldIssue } from '../errors';
import { organizations, organizationHistory, people } from './schema';
import { isValidSiren, isValidSiret } from './identifiers';
import { createOrganization, saveValueChainStages } from './service';
import { commitImport, describeIssue, mapColumns, previewImport, sizeBandFrom, trigramSimilarity, TrigramIndex, type ImportSource } from './import';
import { exportOrganizations } from './export';

const staff: Actor = { id: 'u-claire', role: 'team', label: 'Claire Martin' };

/** A valid SIRET, different for each seed. */
function siret(seed: number): string {
	const body = String(10_000_000 + seed * 7).slice(-8);
	const siren = [...'0123456789'].map((d) => body + d).find(isValidSiren)!;
	return [...'0123456789'].map((d) => siren + '0001' + d).find(isValidSiret)!;
}

const opened: Database[] = [];
afterEach(async () => {
	await Promise.all(opened.splice(0).map((d) => d.close()));
});

/** A fresh database with the team member Claire and three value chain stages. */
async function setup(): Promise<Db> {
	const database = await testDatabase();
	opened.push(database);
	const db = database.db;
	await db.insert(users).values({ id: 'u-claire', name: 'Claire Martin', email: 'claire@grappe.test', role: 'team' });
	await saveValueChainStages(db, staff, [{ name: 'Conception' }, { name: 'Fabrication' }, { name: 'Distribution' }]);
	return db;
}

const csvFile = (name: string, lines: string[], encoding: 'win1252' | 'utf8-bom' = 'win1252'): ImportSource => {
	const text = lines.join('\r\n') + '\r\n';
	const data = encoding === 'win1252' ? iconv.encode(text, 'win1252') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
	return { name, data };
};

async function catchInvalid(p: Promise<unknown>): Promise<FieldIssue[]> {
	try {
		await p;
	} catch (e) {
		if (e instanceof InvalidError) return e.issues;
		throw e;
	}
	throw new Error('expected an InvalidError');
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
	return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const count = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(organizations))[0].n;

describe('reading values as French offices write them', () => {
	it('maps size bands from ranges, labels, headcounts with decimal commas and INSEE codes', () => {
		const cases: [string, string][] = [
			['1-9', '1_9'], ['10 à 49', '10_49'], ['de 50 à 249 salariés', '50_249'], ['250+', '250_plus'],
			['250 et plus', '250_plus'], ['Plus de 250', '250_plus'], ['0', '0'], ['Aucun salarié', '0'], ['12,5', '10_49'],
			['0,5', '1_9'], ['1 200', '250_plus'], ['10 to 49 employees', '10_49'], ['1_9', '1_9'], ['n\'importe', 'n\'importe']
		];
		for (const [value, band] of cases) expect([value, sizeBandFrom(value)]).toEqual([value, band]);
		expect(sizeBandFrom('21', { inseeCodes: true })).toBe('50_249');
		expect(sizeBandFrom('21')).toBe('10_49');
	});

	it('guesses columns from French and English headers, a bare "Nom" beside a company name being the contact', () => {
		const { columns, issues } = mapColumns(['Nom', 'Prénom', 'Raison sociale', 'N° SIRET', 'CP', 'Commune', 'Courriel', 'Tél. contact', 'Divers']);
		expect(issues).toEqual([]);
		expect(columns.map((c) => c.field)).toEqual([
			'contactLastName', 'contactFirstName', 'name', 'siret', 'postalCode', 'communeName', 'email', 'contactPhone', null
		]);
		expect(mapColumns(['Ville', 'CP']).issues).toEqual([{ path: 'mapping', message: 'io_error_no_name_column' }]);
	});
});

describe('importing organizations', () => {
	it('imports a Windows-1252 ";" CSV with accents, dd/mm/yyyy dates, decimal commas and a first contact', async () => {
		const db = await setup();
		const file = csvFile('adherents.csv', [
			"Raison sociale;N° SIRET;Code APE;Adresse;CP;Ville;Effectif;Statut;Type de partenaire;Étiquettes;Maillon;Animateur;Date d'adhésion;Prénom;Nom",
			`Société d'Étanchéité Rhône-Alpes;${siret(1).replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4')};4399C;12, rue de l'Église;42000;Saint-Étienne;12,5;Adhérent;;"Étanchéité, Rénovation énergétique";Fabrication;Claire Martin;03/02/2021;Hélène;Dupré`,
			`Bureau d'études Œuvre;;;;1000;Bourg-en-Bresse;0;Partenaire;Labo;;conception;CLAIRE@grappe.test;15/09/2019;;`,
			`Ancienne Forge;;;;;;250 et plus;Ancien adhérent;;;;;;;`,
			`Nouvelle Piste;;;;;;;;;;;;;;`
		]);
		const preview = await previewImport(db, staff, file);
		expect(preview).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', total: 4, valid: 4, invalid: 0, duplicates: 0, toCreate: 4 });
		expect(preview.columns.find((c) => c.header === "Date d'adhésion")?.field).toBeNull();
		expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
		expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);

		const progress: [number, number][] = [];
		const result = await commitImport(db, staff, file, { onDuplicate: 'skip', onProgress: (d, t) => progress.push([d, t]) });
		expect(result).toEqual({ created: 4, updated: 0, skipped: 0 });
		expect(progress.at(-1)).toEqual([4, 4]);

		const orgs = await db.select().from(organizations).orderBy(asc(organizations.nameNormalized));
		const stages = await rowsOf<{ id: string; name: string }>(db, sql`select id, name from value_chain_stages`);
		const stageName = new Map(stages.map((s) => [s.id, s.name]));
		expect(orgs.map((o) => ({ ...o, stage: stageName.get(o.valueChainStageId!) }))).toMatchObject([
			{ name: 'Ancienne Forge', sizeBand: '250_plus', status: 'former_member' },
			{ name: "Bureau d'études Œuvre", postalCode: '01000', communeName: 'Bourg-en-Bresse', sizeBand: '0', status: 'partner', partnerKind: 'lab', stage: 'Conception', teamMemberId: 'u-claire' },
			{ name: 'Nouvelle Piste', status: 'prospect', sizeBand: null, tags: [] },
			{
				name: "Société d'Étanchéité Rhône-Alpes", siret: siret(1), siren: siret(1).slice(0, 9), nafCode: '43.99C', addressLine: "12, rue de l'Église",
				communeName: 'Saint-Étienne', departementCode: '42', sizeBand: '10_49', status: 'member', tags: ['Étanchéité', 'Rénovation énergétique'],
				stage: 'Fabrication', teamMemberId: 'u-claire'
			}
		]);
		const contacts = await db.select().from(people);
		expect(contacts).toMatchObject([{ firstName: 'Hélène', lastName: 'Dupré', organizationId: orgs[3].id }]);
		const history = await db.select().from(organizationHistory).where(eq(organizationHistory.organizationId, orgs[3].id));
		expect(history.map((h) => [h.entity, h.action, h.actorLabel]).sort()).toEqual([['organization', 'created', 'Claire Martin'], ['person', 'created', 'Claire Martin']]);
	});

	it('imports a UTF-8 CSV with BOM, "," and English headers', async () => {
		const db = await setup();
		const file = csvFile('orgs.csv', ['Name,Postal code,City,Size,Status,Website,Phone', 'Œnologie & Co,25000,Besançon,1-9,member,oenologie.fr,03 81 00 00 00'], 'utf8-bom');
		expect(await commitImport(db, staff, file, { onDuplicate: 'skip' })).toEqual({ created: 1, updated: 0, skipped: 0 });
		const [o] = await db.select().from(organizations);
		expect(o).toMatchObject({ name: 'Œnologie & Co', communeName: 'Besançon', sizeBand: '1_9', status: 'member', website: 'https://oenologie.fr', phone: '+33381000000' });
	});

	it('imports an XLSX whose SIRET and postal code are numbers and whose dates are dates', async () => {
		const db = await setup();
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Feuil1');
		ws.addRow(['Raison sociale', 'SIRET', 'Code postal', 'Ville', 'Tranche d\'effectif', 'Créé le', 'Email']);
		ws.addRow([{ richText: [{ text: 'Verrerie ' }, { text: 'du Lac' }] }, Number(siret(2)), 1000, 'Bourg-en-Bresse', '10 à 49', new Date(Date.UTC(2020, 4, 17)), { text: 'Contact@Verrerie.fr', hyperlink: 'mailto:contact@verrerie.fr' }]);
		ws.addRow(['Tissage Lyonnais', null, 69003, 'Lyon', '03', null, null]);
		const data = Buffer.from(await wb.xlsx.writeBuffer());
		const preview = await previewImport(db, staff, { name: 'import.xlsx', data });
		expect(preview).toMatchObject({ format: 'xlsx', valid: 2, invalid: 0 });
		expect(await commitImport(db, staff, { name: 'import.xlsx', data }, { onDuplicate: 'skip' })).toMatchObject({ created: 2 });
		const orgs = await db.select().from(organizations).orderBy(asc(organizations.name));
		expect(orgs).toMatchObject([
			{ name: 'Tissage Lyonnais', postalCode: '69003', communeName: 'Lyon', sizeBand: '1_9' },
			{ name: 'Verrerie du Lac', siret: siret(2), postalCode: '01000', sizeBand: '10_49', email: 'contact@verrerie.fr' }
		]);
	});

	it('imports nothing from a file with a bad row, and names each bad row and field', async () => {
		const db = await setup();
		const file = csvFile('bad.csv', [
			'Raison sociale;N° SIRET;Email;Maillon;Code postal',
			`Bonne Entreprise;${siret(3)};contact@bonne.fr;Conception;42000`,
			'Mauvais SIRET;12345678901234;;;',
			'Mauvais Email;;pas-un-email;Assemblage;',
			';;;;99999',
			`SIRET abîmé;${'7,32829E+13'};;;`
		]);
		const preview = await previewImport(db, staff, file);
		expect(preview).toMatchObject({ total: 5, valid: 1, invalid: 4 });
		expect(preview.rows[0].action).toBe('create');
		expect(preview.rows[1].action).toBeNull();

		const issues = await catchInvalid(commitImport(db, staff, file, { onDuplicate: 'skip' }));
		expect(issues.map(({ row, path, message }) => ({ row, path, message }))).toEqual([
			{ row: 3, path: 'siret', message: 'error_siret' },
			{ row: 4, path: 'valueChainStageId', message: 'io_error_unknown_stage' },
			{ row: 4, path: 'email', message: 'error_email' },
			{ row: 5, path: 'name', message: 'error_required' },
			{ row: 6, path: 'siret', message: 'io_error_number_mangled' }
		]);
		expect(await count(db)).toBe(0);
		expect(describeIssue(issues[1], preview.columns, 'fr')).toBe('Ligne 4, Maillon : maillon inconnu : « Assemblage »');
		expect(describeIssue(issues[0], preview.columns, 'fr')).toMatch(/^Ligne 3, N° SIRET : \S/);
		expect(describeIssue(issues[1], preview.columns, 'en')).toBe('Row 4, Maillon: unknown value chain stage: “Assemblage”');
	});

	it('follows the mapping the user chose over the guesses', async () => {
		const db = await setup();
		const file = csvFile('m.csv', ['Société;Commentaire;Ville', 'Alpha Conseil;Conseil en stratégie;Paris']);
		const preview = await previewImport(db, staff, file, { mapping: { Commentaire: 'description', Ville: null } });
		expect(preview.columns.map((c) => c.field)).toEqual(['name', 'description', null]);
		expect(preview.rows[0].values).toEqual({ name: 'Alpha Conseil', description: 'Conseil en stratégie' });
		const twice = await previewImport(db, staff, file, { mapping: ['name', 'name', null] });
		expect(twice.fileIssues).toMatchObject([{ path: 'mapping', message: 'io_error_column_twice' }]);
		await expect(commitImport(db, staff, file, { mapping: ['name', 'name', null], onDuplicate: 'skip' })).rejects.toBeInstanceOf(InvalidError);
		expect(await count(db)).toBe(0);
	});

	it('refuses a non-staff actor', async () => {
		const db = await setup();
		const member: Actor = { id: 'u-m', role: 'member', organizationId: 'o', label: 'M' };
		await expect(previewImport(db, member, csvFile('x.csv', ['Nom', 'A']))).rejects.toThrow(/forbidden/);
	});
});

describe('consents in the file', () => {
	it('imports the contact\'s consent to the public directory, and the company shows there', async () => {
		const db = await setup();
		const file = csvFile('annuaire.csv', [
			'Raison sociale;CP;Ville;Statut;Prénom;Nom;Annuaire;Newsletter',
			'Charpentes du Lot;46000;Cahors;Adhérent;Lucie;Vidal;oui;non',
			'Menuiserie Quercy;46100;Figeac;Adhérent;Marc;Bru;non;oui',
			'Scierie Sans Contact;46000;Cahors;Adhérent;;;non;'
		]);
		const preview = await previewImport(db, staff, file);
		expect(preview.columns.map((c) => c.field).slice(-2)).toEqual(['contactConsentPublicListing', 'contactConsentNewsletter']);
		expect(preview.invalid).toBe(0);
		await commitImport(db, staff, file, { onDuplicate: 'skip' });
		const contacts = await rowsOf<{ last_name: string; consent_public_listing: boolean; listing_at: boolean; consent_newsletter: boolean }>(
			db,
			sql`select last_name, consent_public_listing, consent_public_listing_at is not null as listing_at, consent_newsletter from people order by last_name`
		);
		expect(contacts).toEqual([
			{ last_name: 'Bru', consent_public_listing: false, listing_at: false, consent_newsletter: true },
			{ last_name: 'Vidal', consent_public_listing: true, listing_at: true, consent_newsletter: false }
		]);
		const listed = await rowsOf<{ name: string }>(db, sql`select name from directory_entries order by name`);
		expect(listed.map((r) => r.name)).toEqual(['Charpentes du Lot']);
	});

	it('names the row where a consent has no contact to hold it', async () => {
		const db = await setup();
		const issues = await catchInvalid(commitImport(db, staff, csvFile('a.csv', ['Raison sociale;Annuaire', 'Atelier Seul;oui']), { onDuplicate: 'skip' }));
		expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, path: 'contactFirstName' })]));
	});
});

describe('duplicates', () => {
	it('finds with its index exactly the names a pairwise comparison finds', () => {
		let seed = 3;
		const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const words = ['atelier', 'roche', 'menuiserie', 'bois', 'forge', 'lumiere', 'dupont', 'batiment', 'a', 'lyon', '42', 'fils', 'et'];
		const names = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => words[Math.floor(rand() * words.length)]).join(' '));
		const index = new TrigramIndex();
		for (const n of names) index.add(n);
		for (const probe of names.slice(0, 40)) {
			const expected = names.map((n, id) => ({ id, score: trigramSimilarity(probe, n) })).filter((m) => m.score >= 0.6).map((m) => m.id);
			expect(index.search(probe, 0.6).map((m) => m.id).sort((a, b) => a - b)).toEqual(expected);
		}
	});

	it('measures name similarity as pg_trgm does', async () => {
		const db = await setup();
		const pairs = [
			['dupont batiment', 'dupont batiment'], ['atelier lumiere', 'atelier lumiere sarl'], ['menuiserie roche', 'roche menuiserie bois'],
			['forge nouvelle', 'forge nouvelle industrie'], ['a', 'ab'], ['boulangerie 2000', 'boulangerie 2001'], ['oeuvre l art', organizationNameKey('Œuvre Art')],
			['', 'x'], ['grappe', 'grappes'], ['societe generale d etancheite', 'etancheite generale']
		];
		for (const [a, b] of pairs) {
			const [{ score }] = await rowsOf<{ score: number }>(db, sql`select similarity(${a}, ${b}) as score`);
			expect([a, b, trigramSimilarity(a, b)]).toEqual([a, b, expect.closeTo(Number(score), 5)]);
		}
	});

	const lines = () => [
		'Raison sociale;SIRET;Téléphone;Ville;Code postal',
		`Établissements Dupont;${siret(10)};04 77 00 00 01;;`,
		'ATELIER LUMIERE SARL;;04 77 00 00 02;;',
		`Menuiserie Roche;${siret(11)};;;`,
		'Menuiserie Roche SAS;;04 77 00 00 03;Grenoble;38000',
		`Forge Nouvelle;${siret(12)};;;`,
		`Forge Nouvelle Industrie;${siret(12)};;;`,
		`Dupont Bâtiment;${siret(13)};;;`
	];

	async function withExisting() {
		const db = await setup();
		const dupont = await createOrganization(db, staff, { name: 'Dupont Bâtiment', siret: siret(10), status: 'member' });
		const atelier = await createOrganization(db, staff, { name: 'Atelier Lumière', email: 'atelier@lumiere.fr' });
		return { db, dupont, atelier };
	}

	it('finds the same SIRET and very similar names, in the database and earlier in the file', async () => {
		const { db, dupont, atelier } = await withExisting();
		const preview = await previewImport(db, staff, csvFile('d.csv', lines()));
		const summary = preview.rows.map((r) => ({ row: r.row, action: r.action, dup: r.duplicates.map((d) => `${d.source}:${d.reason}:${d.id ?? d.row}`) }));
		expect(summary).toEqual([
			{ row: 2, action: 'skip', dup: [`database:siret:${dupont.id}`] },
			{ row: 3, action: 'skip', dup: [`database:name:${atelier.id}`] },
			{ row: 4, action: 'create', dup: [] },
			{ row: 5, action: 'skip', dup: ['file:name:4'] },
			{ row: 6, action: 'create', dup: [] },
			{ row: 7, action: 'skip', dup: ['file:siret:6'] },
			// Same name as a saved organization but another SIRET: another establishment, not a duplicate.
			{ row: 8, action: 'create', dup: [] }
		]);
		expect(preview).toMatchObject({ duplicates: 4, toCreate: 3, toSkip: 4, valid: 7 });
		expect(await commitImport(db, staff, csvFile('d.csv', lines()), { onDuplicate: 'skip' })).toEqual({ created: 3, updated: 0, skipped: 4 });
		expect(await count(db)).toBe(5);
	});

	it('updates saved organizations and merges rows of the same company when asked to', async () => {
		const { db, dupont, atelier } = await withExisting();
		expect(await commitImport(db, staff, csvFile('d.csv', lines()), { onDuplicate: 'update' })).toEqual({ created: 3, updated: 4, skipped: 0 });
		expect(await count(db)).toBe(5);
		const byId = async (id: string) => (await db.select().from(organizations).where(eq(organizations.id, id)))[0];
		expect(await byId(dupont.id)).toMatchObject({ name: 'Établissements Dupont', phone: '+33477000001', status: 'member' });
		// Empty cells leave what was saved.
		expect(await byId(atelier.id)).toMatchObject({ name: 'ATELIER LUMIERE SARL', email: 'atelier@lumiere.fr', phone: '+33477000002' });
		const [roche] = await db.select().from(organizations).where(eq(organizations.siret, siret(11)));
		expect(roche).toMatchObject({ name: 'Menuiserie Roche SAS', phone: '+33477000003', communeName: 'Grenoble' });
		const updates = await db.select().from(organizationHistory).where(eq(organizationHistory.action, 'updated'));
		expect(updates.map((h) => h.organizationId).sort()).toEqual([dupont.id, atelier.id].sort());
	});

	it('refuses to create a second organization with a SIRET already taken', async () => {
		const { db } = await withExisting();
		const issues = await catchInvalid(commitImport(db, staff, csvFile('d.csv', lines()), { onDuplicate: 'create' }));
		expect(issues).toEqual([
			{ row: 2, path: 'siret', message: 'io_error_siret_taken', params: { name: 'Dupont Bâtiment' } },
			{ row: 7, path: 'siret', message: 'io_error_siret_repeated', params: { row: 6 } }
		]);
		expect(await count(db)).toBe(2);
	});
});

describe('export and import back', () => {
	async function seed(db: Db) {
		const [stage] = await rowsOf<{ id: string }>(db, sql`select id from value_chain_stages where name = 'Fabrication'`);
		await createOrganization(db, staff, {
			name: 'Société d\'Étanchéité; "Rhône"', siret: siret(20), nafCode: '43.99C', addressLine: '12, rue de l\'Église',
			postalCode: '42000', sizeBand: '10_49', website: 'https://etancheite.fr', email: 'contact@etancheite.fr', phone: '04 77 12 34 56',
			description: 'Toitures-terrasses;\nbardage', status: 'member', tags: ['Étanchéité', 'Bâtiment durable'], valueChainStageId: stage.id,
			teamMemberId: 'u-claire'
		});
		await createOrganization(db, staff, { name: 'Région Auvergne-Rhône-Alpes', status: 'partner', partnerKind: 'local_authority', postalCode: '01000', communeName: 'Saint-Denis-lès-Bourg' });
		await createOrganization(db, staff, { name: 'Ancien Membre', siren: siret(21).slice(0, 9), status: 'former_member', sizeBand: '250_plus', phone: '+32 2 123 45 67' });
		await createOrganization(db, staff, { name: 'Prospect Minimal' });
		await createOrganization(db, staff, { name: '=CMD|calc', sizeBand: '0', partnerKind: 'training_centre', status: 'prospect' });
	}

	async function snapshot(db: Db) {
		const rows = await rowsOf<Record<string, unknown>>(db, sql`
			select o.*, s.name as stage, u.email as animateur from organizations o
			left join value_chain_stages s on s.id = o.value_chain_stage_id left join users u on u.id = o.team_member_id
			order by o.name`);
		return rows.map(({ id, created_at, updated_at, value_chain_stage_id, team_member_id, ...rest }) => rest);
	}

	for (const [format, locale] of [['csv', 'fr'], ['xlsx', 'en'], ['csv', 'en'], ['xlsx', 'fr']] as const) {
		it(`reproduces the same organizations through ${format.toUpperCase()} in ${locale}`, async () => {
			const a = await setup();
			await seed(a);
			const file = await exportOrganizations(a, staff, {}, format, locale);
			expect(file).toMatchObject({ count: 5, filename: expect.stringMatching(new RegExp(`^organi[sz]ations-\\d{4}-\\d{2}-\\d{2}\\.${format}$`)) });
			const b = await setup();
			const source = { name: file.filename, data: file.body };
			const preview = await previewImport(b, staff, source);
			expect(preview.columns.filter((c) => !c.field).map((c) => c.header)).toEqual(
				locale === 'fr' ? ['Département', 'Créé le'] : ['Département', 'Created on']
			);
			expect(await commitImport(b, staff, source, { onDuplicate: 'skip' })).toEqual({ created: 5, updated: 0, skipped: 0 });
			expect(await snapshot(b)).toEqual(await snapshot(a));

			// Back into the database it came from: every row is a duplicate, and an update changes nothing.
			expect(await commitImport(a, staff, source, { onDuplicate: 'skip' })).toEqual({ created: 0, updated: 0, skipped: 5 });
			const before = await snapshot(a);
			expect(await commitImport(a, staff, source, { onDuplicate: 'update' })).toEqual({ created: 0, updated: 5, skipped: 0 });
			expect(await snapshot(a)).toEqual(before);
			expect(await a.select().from(organizationHistory).where(eq(organizationHistory.action, 'updated'))).toEqual([]);
		});
	}

	it('writes French dates and labels in a French CSV', async () => {
		const db = await setup();
		await seed(db);
		const file = await exportOrganizations(db, staff, { status: 'member' }, 'csv', 'fr');
		const text = file.body.toString('utf8');
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, row] = text.slice(1).split('\r\n');
		expect(header.split(';')).toContain('Raison sociale');
		expect(row).toContain(';Adhérent;');
		expect(row).toContain(';10 à 49 salariés;');
		expect(row).toContain(';Étanchéité, Bâtiment durable;Fabrication;claire@grappe.test;');
		expect(row).toContain(';04 77 12 34 56;');
		expect(row).toMatch(/;\d{2}\/\d{2}\/\d{4}$/);
		expect(file.count).toBe(1);
	});
});

describe('volume', () => {
	const SYLLABLES = ['ba', 'ko', 'ri', 'mu', 'te', 'lo', 'vi', 'sa', 'ne', 'du', 'pa', 'zo', 'fi', 'ga', 'lu', 'mo', 'chi', 'ra', 've', 'to', 'bri', 'gnon'];
	const PLACES = [['42000', 'Saint-Étienne'], ['69003', 'Lyon'], ['25000', 'Besançon'], ['38000', 'Grenoble'], ['01000', 'Bourg-en-Bresse']];

	function bulkCsv(n: number): ImportSource {
		let seed = 42;
		const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const word = () => {
			const w = Array.from({ length: 3 }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join('');
			return w[0].toUpperCase() + w.slice(1);
		};
		const lines = ['Raison sociale;SIRET;Code postal;Ville;Effectif;Statut;Email;Étiquettes;Prénom;Nom'];
		for (let i = 0; i < n; i++) {
			const [cp, ville] = PLACES[i % PLACES.length];
			lines.push(`${word()} ${word()} ${word()};${siret(1000 + i)};${cp};${ville};${(i % 300) + 0.5};${i % 3 ? 'Adhérent' : 'Prospect'};contact${i}@exemple.fr;Industrie, Lot ${i % 7};Jean;Martin${i}`);
		}
		return csvFile('bulk.csv', lines);
	}

	const rows = Number(process.env.IMPORT_BENCH_ROWS || 2000);
	it(`imports ${rows} rows in one transaction, in seconds`, { timeout: 120_000 }, async () => {
		const db = await setup();
		const file = bulkCsv(rows);
		let t0 = performance.now();
		const preview = await previewImport(db, staff, file, { onDuplicate: 'create' });
		const previewMs = performance.now() - t0;
		expect(preview).toMatchObject({ valid: rows, invalid: 0 });
		const progress: number[] = [];
		t0 = performance.now();
		const result = await commitImport(db, staff, file, { onDuplicate: 'create', onProgress: (done) => progress.push(done) });
		const commitMs = performance.now() - t0;
		expect(result).toEqual({ created: rows, updated: 0, skipped: 0 });
		expect(await count(db)).toBe(rows);
		expect(progress.length).toBeGreaterThan(2);
		expect(progress.at(-1)).toBe(rows);
		t0 = performance.now();
		const previewAgain = await previewImport(db, staff, file, { onDuplicate: 'update' });
		console.log(`[import.test] preview against ${rows} saved: ${(performance.now() - t0).toFixed(0)} ms`);
		expect(previewAgain.toUpdate).toBe(rows);
		t0 = performance.now();
		const again = await commitImport(db, staff, file, { onDuplicate: 'update' });
		const updateMs = performance.now() - t0;
		expect(again).toEqual({ created: 0, updated: rows, skipped: 0 });
		console.log(`[import.test] ${rows} rows: preview ${previewMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms, re-import as updates ${updateMs.toFixed(0)} ms`);
		expect(commitMs).toBeLessThan(rows * 10);
	});
});
