// The CRM's rules on a real engine: history, duplicates, list filters, memberships, interactions, needs, who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { apiError } from '../http';
import { parisToday } from '../dates';
import { organizationHistory, people } from './schema';
import {
	createInteraction,
	createMembership,
	createNeed,
	createOrganization,
	createPerson,
	createSegment,
	deleteInteraction,
	deleteOrganization,
	deleteSegment,
	findSimilarOrganizations,
	getOrganization,
	getOrganizationDetail,
	listInteractions,
	listOpenNeeds,
	listOrganizations,
	listSegments,
	membershipSummary,
	setFeeScales,
	updateInteraction,
	updateMembership,
	updateNeed,
	updateOrganization,
	updatePerson
} from './service';
import { makeMemberUser, makeMembership, makeOrganization, makePerson, makeTeamUser, validSiret } from '../testing/factories';

const thisYear = new Date().getFullYear();

async function rejection(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (e) {
		return e;
	}
	throw new Error('expected a rejection');
}

const historyOf = (db: Db, organizationId: string) =>
	db.select().from(organizationHistory).where(eq(organizationHistory.organizationId, organizationId)).orderBy(asc(organizationHistory.at));

let database: Database;
let db: Db;
let claire: Actor;
let paul: Actor;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	claire = (await makeTeamUser(db, { name: 'Claire Martin' })).actor;
	paul = (await makeTeamUser(db, { name: 'Paul Girard' })).actor;
});
afterAll(async () => {
	await database?.close();
});

describe('organizations and their history', () => {
	it('creates an organization with its derived fields and a "created" history entry naming who', async () => {
		const siret = validSiret();
		const org = await createOrganization(db, claire, { name: 'Menuiserie Dupont SARL', siret, postalCode: '33000', tags: 'bois, export' });
		expect(org).toMatchObject({ siren: siret.slice(0, 9), communeName: 'Bordeaux', departementCode: '33', regionCode: '75', status: 'prospect', tags: ['bois', 'export'] });
		expect(org.nameNormalized).toBe('menuiserie dupont');
		const history = await historyOf(db, org.id);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ actorId: claire.id, actorLabel: 'Claire Martin', entity: 'organization', entityId: org.id, action: 'created' });
	});

	it('records what an update changed, before and after, and only that', async () => {
		const org = await makeOrganization(db, { phone: '05 56 00 00 00', postalCode: '33000' });
		const after = await updateOrganization(db, paul, org.id, { phone: '06 12 34 56 78', status: 'member', name: org.name });
		expect(after).toMatchObject({ phone: '+33612345678', status: 'member' });
		expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(org.updatedAt.getTime());
		const updates = (await historyOf(db, org.id)).filter((h) => h.action === 'updated');
		expect(updates).toHaveLength(1);
		expect(updates[0]).toMatchObject({ actorId: paul.id, actorLabel: 'Paul Girard' });
		expect(updates[0].changes).toEqual({ phone: ['+33556000000', '+33612345678'], status: ['prospect', 'member'] });
	});

	it('writes no history when an update changes nothing', async () => {
		const org = await makeOrganization(db, { website: 'dupont.fr', phone: '0556000000', tags: 'a;b', nafCode: '1623z' });
		const same = await updateOrganization(db, claire, org.id, { website: org.website, phone: '05 56 00 00 00', tags: ['a', 'b'] });
		expect(same.updatedAt).toEqual(org.updatedAt);
		expect((await historyOf(db, org.id)).map((h) => h.action)).toEqual(['created']);
	});

	it('moves the commune with a new postal code', async () => {
		const org = await makeOrganization(db, { postalCode: '33000' });
		const moved = await updateOrganization(db, claire, org.id, { postalCode: '64100' });
		expect(moved).toMatchObject({ postalCode: '64100', communeName: 'Bayonne', departementCode: '64', communeInsee: '64102' });
	});

	it('refuses an update that breaks validation, naming the field, and keeps the record', async () => {
		const org = await makeOrganization(db);
		const e = await rejection(updateOrganization(db, claire, org.id, { email: 'pas-un-email' }));
		expect(e).toBeInstanceOf(InvalidError);
		expect((e as InvalidError).issues).toEqual([{ path: 'email', message: 'error_email' }]);
		expect((await getOrganization(db, claire, org.id)).email).toBeNull();
	});

	it('deletes an organization with its contacts, memberships and history', async () => {
		const org = await makeOrganization(db);
		await makePerson(db, org.id);
		await makeMembership(db, org.id);
		await deleteOrganization(db, claire, org.id);
		expect(await rejection(getOrganization(db, claire, org.id))).toBeInstanceOf(NotFoundError);
		expect(await db.select().from(people).where(eq(people.organizationId, org.id))).toEqual([]);
		expect(await historyOf(db, org.id)).toEqual([]);
		expect(await rejection(deleteOrganization(db, claire, org.id))).toBeInstanceOf(NotFoundError);
	});

	it('refuses a SIRET already used, naming the field and the organization that has it', async () => {
		const siret = validSiret();
		await makeOrganization(db, { name: 'Charpentes Lacoste', siret });
		const e = await rejection(createOrganization(db, claire, { name: 'Autre', siret: siret.replace(/(\d{3})/g, '$1 ') }));
		expect(e).toBeInstanceOf(ConflictError);
		expect(e).toMatchObject({ messageKey: 'error_siret_taken', path: 'siret', params: { name: 'Charpentes Lacoste' } });

		const other = await makeOrganization(db);
		// siren: '' so that the stored SIREN does not get in the way (see the next test).
		expect(await rejection(updateOrganization(db, claire, other.id, { siret, siren: '' }))).toMatchObject({ name: 'ConflictError', path: 'siret' });
		// Its own SIRET is no conflict.
		await expect(updateOrganization(db, claire, other.id, { siret: other.siret, description: 'Scierie' })).resolves.toMatchObject({ description: 'Scierie' });
	});

	it('takes the SIREN of a new SIRET when only the SIRET changes', async () => {
		const org = await makeOrganization(db);
		const siret = validSiret();
		const after = await updateOrganization(db, claire, org.id, { siret });
		expect(after).toMatchObject({ siret, siren: siret.slice(0, 9) });
	});

	it('refuses as animateur someone who is not on the team', async () => {
		const org = await makeOrganization(db);
		const { user } = await makeMemberUser(db, org.id);
		const e = await rejection(updateOrganization(db, claire, org.id, { teamMemberId: user.id }));
		expect((e as InvalidError).issues).toEqual([{ path: 'teamMemberId', message: 'error_invalid_choice' }]);
		await expect(updateOrganization(db, claire, org.id, { teamMemberId: paul.id })).resolves.toMatchObject({ teamMemberId: paul.id });
	});
});

describe('findSimilarOrganizations', () => {
	let dupont: { id: string; siret: string | null };
	beforeAll(async () => {
		dupont = await makeOrganization(db, { name: 'Menuiserie Dupont SARL' });
	});

	it('finds the organization with the same SIRET first', async () => {
		const found = await findSimilarOrganizations(db, { name: 'Nom sans rapport', siret: dupont.siret });
		expect(found[0]).toMatchObject({ id: dupont.id, reason: 'siret' });
	});

	it('finds a misspelt name or another legal form', async () => {
		for (const name of ['menuiseries dupond', 'MENUISERIE DUPONT', 'Menuiserie Dupont SAS', 'Menuiserie Dupont (EURL)']) {
			const found = await findSimilarOrganizations(db, { name });
			expect([name, found.find((f) => f.id === dupont.id)?.reason]).toEqual([name, 'name']);
		}
	});

	it('does not find unrelated names, nor the organization being edited', async () => {
		for (const name of ['Boulangerie Martin', 'Charpente Dupont', 'Menuiserie Durand']) {
			const found = await findSimilarOrganizations(db, { name });
			expect([name, found.some((f) => f.id === dupont.id)]).toEqual([name, false]);
		}
		expect(await findSimilarOrganizations(db, { name: 'Menuiserie Dupont' }, { exceptId: dupont.id })).not.toContainEqual(expect.objectContaining({ id: dupont.id }));
	});
});

describe('listOrganizations', () => {
	// A database of its own, so totals count only these organizations.
	let listDb: Database;
	let l: Db;
	let team: Actor;
	const ids: Record<string, string> = {};
	let dupontSiret: string;

	beforeAll(async () => {
		listDb = await testDatabase();
		l = listDb.db;
		team = (await makeTeamUser(l, { name: 'Claire Martin' })).actor;
		dupontSiret = validSiret();
		const make = async (key: string, fields: Record<string, unknown>) => (ids[key] = (await makeOrganization(l, fields)).id);
		await make('dupont', { name: 'Menuiserie Dupont SARL', siret: dupontSiret, postalCode: '33000', status: 'member', tags: 'bois, export', teamMemberId: team.id });
		await make('energies', { name: 'Énergies Bâtiment', postalCode: '64100', status: 'prospect', tags: 'énergie' });
		await make('adour', { name: "Charpentes de l'Adour", postalCode: '64100', status: 'member', tags: 'bois' });
		await make('limousin', { name: 'Atelier Limousin', postalCode: '87000', status: 'former_member' });
		await make('region', { name: 'Région Nouvelle-Aquitaine', postalCode: '33000', status: 'partner', partnerKind: 'region' });
		// Members: Dupont renewed, Adour not yet, Limousin lapsed two years ago.
		await makeMembership(l, ids.dupont, { year: thisYear - 1, paid: 'oui' });
		await makeMembership(l, ids.dupont, { year: thisYear, amount: '1 200,50', paid: 'oui' });
		await makeMembership(l, ids.adour, { year: thisYear - 1, amount: '300', paid: 'oui' });
		await makeMembership(l, ids.limousin, { year: thisYear - 2 });
	});
	afterAll(async () => {
		await listDb?.close();
	});

	const names = async (filter: Record<string, unknown>) => (await listOrganizations(l, team, filter)).items.map((o) => o.name);

	it('lists everything by name by default, with totals', async () => {
		const page = await listOrganizations(l, team, {});
		expect(page.items.map((o) => o.name)).toEqual([
			'Atelier Limousin', "Charpentes de l'Adour", 'Énergies Bâtiment', 'Menuiserie Dupont SARL', 'Région Nouvelle-Aquitaine'
		]);
		expect(page).toMatchObject({ total: 5, page: 1, perPage: 25, pages: 1 });
		const dupont = page.items.find((o) => o.id === ids.dupont)!;
		expect(dupont).toMatchObject({ teamMemberName: 'Claire Martin', lastMembershipYear: thisYear, peopleCount: 0 });
	});

	it('searches names, communes, tags and SIRETs without caring about accents or case', async () => {
		expect(await names({ q: 'energies' })).toEqual(['Énergies Bâtiment']);
		expect(await names({ q: 'ÉNERGIES BATIMENT' })).toEqual(['Énergies Bâtiment']);
		expect(await names({ q: 'bayonne' })).toEqual(["Charpentes de l'Adour", 'Énergies Bâtiment']);
		expect(await names({ q: 'Energie' })).toEqual(['Énergies Bâtiment']);
		expect(await names({ q: 'bois' })).toEqual(["Charpentes de l'Adour", 'Menuiserie Dupont SARL']);
		expect(await names({ q: dupontSiret })).toEqual(['Menuiserie Dupont SARL']);
		expect(await names({ q: dupontSiret.slice(0, 9).replace(/(\d{3})/g, '$1 ') })).toEqual(['Menuiserie Dupont SARL']);
		expect(await names({ q: 'menuiseries dupond' })).toEqual(['Menuiserie Dupont SARL']);
		expect(await names({ q: 'boulangerie' })).toEqual([]);
		expect(await names({ q: '100%_' })).toEqual([]);
	});

	it('filters by status, département, tag and animateur', async () => {
		expect(await names({ status: 'member' })).toEqual(["Charpentes de l'Adour", 'Menuiserie Dupont SARL']);
		expect(await names({ status: 'member,partner' })).toEqual(["Charpentes de l'Adour", 'Menuiserie Dupont SARL', 'Région Nouvelle-Aquitaine']);
		expect(await names({ status: ['prospect', 'former_member'] })).toEqual(['Atelier Limousin', 'Énergies Bâtiment']);
		expect(await names({ departement: '64' })).toEqual(["Charpentes de l'Adour", 'Énergies Bâtiment']);
		expect(await names({ departement: '64', status: 'member' })).toEqual(["Charpentes de l'Adour"]);
		expect(await names({ tag: 'bois' })).toEqual(["Charpentes de l'Adour", 'Menuiserie Dupont SARL']);
		expect(await names({ tag: 'export' })).toEqual(['Menuiserie Dupont SARL']);
		expect(await names({ teamMemberId: team.id })).toEqual(['Menuiserie Dupont SARL']);
		expect(await names({ teamMemberId: 'none' })).toHaveLength(4);
	});

	it('finds last year\'s members who have not renewed this year', async () => {
		expect(await names({ notRenewedFor: thisYear })).toEqual(["Charpentes de l'Adour"]);
		expect(await names({ notRenewedFor: thisYear - 1 })).toEqual(['Atelier Limousin']);
		expect(await membershipSummary(l, team, thisYear)).toEqual({ year: thisYear, count: 1, paidCount: 1, totalCents: 120050, paidCents: 120050, notRenewed: 1 });
		expect(await membershipSummary(l, team, thisYear - 1)).toMatchObject({ count: 2, paidCount: 2, totalCents: 75000, notRenewed: 1 });
	});

	it('sorts by name, commune or status, both ways', async () => {
		expect(await names({ sort: 'name', dir: 'desc' })).toEqual([
			'Région Nouvelle-Aquitaine', 'Menuiserie Dupont SARL', 'Énergies Bâtiment', "Charpentes de l'Adour", 'Atelier Limousin'
		]);
		expect(await names({ sort: 'commune' })).toEqual([
			"Charpentes de l'Adour", 'Énergies Bâtiment', 'Menuiserie Dupont SARL', 'Région Nouvelle-Aquitaine', 'Atelier Limousin'
		]);
		expect((await listOrganizations(l, team, { sort: 'status' })).items.map((o) => o.status)).toEqual([
			'former_member', 'member', 'member', 'partner', 'prospect'
		]);
	});

	it('paginates with the total of the whole filter', async () => {
		const p1 = await listOrganizations(l, team, { perPage: 2 });
		const p3 = await listOrganizations(l, team, { perPage: 2, page: 3 });
		expect(p1).toMatchObject({ total: 5, pages: 3, page: 1 });
		expect(p1.items.map((o) => o.name)).toEqual(['Atelier Limousin', "Charpentes de l'Adour"]);
		expect(p3.items.map((o) => o.name)).toEqual(['Région Nouvelle-Aquitaine']);
		expect(await listOrganizations(l, team, { perPage: 2, page: 9 })).toMatchObject({ items: [], total: 5, pages: 3 });
		expect(await listOrganizations(l, team, { status: 'member', perPage: 1 })).toMatchObject({ total: 2, pages: 2 });
	});

	it('refuses an unknown status or sort, naming the field', async () => {
		expect(((await rejection(listOrganizations(l, team, { status: 'boss' }))) as InvalidError).issues[0]).toMatchObject({ path: 'status.0' });
		expect(((await rejection(listOrganizations(l, team, { sort: 'siret' }))) as InvalidError).issues).toEqual([{ path: 'sort', message: 'error_invalid_choice' }]);
	});
});

describe('memberships', () => {
	it('takes the amount from the fee scale of the size band when none is given', async () => {
		await setFeeScales(db, claire, { '10_49': 90000 });
		const org = await makeOrganization(db, { sizeBand: '10_49' });
		expect(await createMembership(db, claire, org.id, { year: thisYear, amount: '' })).toMatchObject({ amountCents: 90000, paid: false, paidOn: null });
		const noBand = await makeOrganization(db, { sizeBand: '' });
		const e = await rejection(createMembership(db, claire, noBand.id, { year: thisYear }));
		expect((e as InvalidError).issues).toEqual([{ path: 'amount', message: 'error_amount_no_scale' }]);
	});

	it('refuses a second membership for the same year with a 409 naming the year', async () => {
		const org = await makeOrganization(db);
		const first = await makeMembership(db, org.id, { year: 2024 });
		const e = await rejection(makeMembership(db, org.id, { year: '2024' }));
		expect(e).toMatchObject({ name: 'ConflictError', messageKey: 'error_membership_year_taken', path: 'year', params: { year: 2024 } });
		const response = apiError(e, 'fr');
		expect(response.status).toBe(409);
		expect((await response.json()).issues).toEqual([{ field: 'year', code: 'error_membership_year_taken', message: 'Une adhésion existe déjà pour 2024.' }]);
		// Moving another year onto it is refused too.
		const other = await makeMembership(db, org.id, { year: 2023 });
		expect(await rejection(updateMembership(db, claire, other.id, { year: 2024 }))).toBeInstanceOf(ConflictError);
		expect(first.year).toBe(2024);
	});

	it('sets the payment date when marked paid and clears it when unmarked', async () => {
		const org = await makeOrganization(db, { status: 'member' });
		const m = await makeMembership(db, org.id, { year: 2024 });
		expect(m).toMatchObject({ paid: false, paidOn: null });
		const paid = await updateMembership(db, claire, m.id, { paid: 'oui' });
		expect(paid).toMatchObject({ paid: true, paidOn: parisToday() });
		const unpaid = await updateMembership(db, claire, m.id, { paid: false });
		expect(unpaid).toMatchObject({ paid: false, paidOn: null });
		const dated = await updateMembership(db, claire, m.id, { paid: true, paidOn: '14/03/2024' });
		expect(dated).toMatchObject({ paid: true, paidOn: '2024-03-14' });
		expect(await createMembership(db, claire, org.id, { year: 2023, amount: 100, paid: 'x', paidOn: '02/01/2023' })).toMatchObject({ paidOn: '2023-01-02' });
		const changes = (await historyOf(db, org.id)).filter((h) => h.entity === 'membership' && h.action === 'updated').map((h) => h.changes);
		expect(changes[0]).toEqual({ paid: [false, true], paidOn: [null, parisToday()] });
	});

	it('makes a prospect a member when a membership of this year is created paid, not when unpaid', async () => {
		const paidOrg = await makeOrganization(db, { status: 'prospect' });
		await createMembership(db, claire, paidOrg.id, { year: thisYear, amount: '450', paid: 'oui' });
		expect((await getOrganization(db, claire, paidOrg.id)).status).toBe('member');
		const statusChange = (await historyOf(db, paidOrg.id)).find((h) => h.entity === 'organization' && h.action === 'updated');
		expect(statusChange).toMatchObject({ actorLabel: 'Claire Martin', changes: { status: ['prospect', 'member'] } });

		const unpaidOrg = await makeOrganization(db, { status: 'prospect' });
		await createMembership(db, claire, unpaidOrg.id, { year: thisYear, amount: '450', paid: 'non' });
		expect((await getOrganization(db, claire, unpaidOrg.id)).status).toBe('prospect');

		const lastYear = await makeOrganization(db, { status: 'former_member' });
		await createMembership(db, claire, lastYear.id, { year: thisYear - 1, amount: '450', paid: true });
		expect((await getOrganization(db, claire, lastYear.id)).status).toBe('former_member');

		const partner = await makeOrganization(db, { status: 'partner', partnerKind: 'funder' });
		await createMembership(db, claire, partner.id, { year: thisYear, amount: '450', paid: true });
		expect((await getOrganization(db, claire, partner.id)).status).toBe('partner');
	});

	it('makes a prospect a member when its membership of this year is later marked paid', async () => {
		const org = await makeOrganization(db, { status: 'prospect' });
		const m = await createMembership(db, claire, org.id, { year: thisYear, amount: '450' });
		await updateMembership(db, claire, m.id, { paid: true });
		expect((await getOrganization(db, claire, org.id)).status).toBe('member');
	});
});

describe('contacts, interactions and needs', () => {
	it('dates a consent when given and keeps that date until it is withdrawn', async () => {
		const org = await makeOrganization(db);
		const p = await makePerson(db, org.id, { consentNewsletter: 'oui' });
		expect(p.consentNewsletterAt).toBeInstanceOf(Date);
		expect(p.consentPublicListingAt).toBeNull();
		const renamed = await updatePerson(db, claire, p.id, { title: 'Gérante' });
		expect(renamed.consentNewsletterAt).toEqual(p.consentNewsletterAt);
		expect((await updatePerson(db, claire, p.id, { consentNewsletter: 'non' })).consentNewsletterAt).toBeNull();
	});

	it('logs an interaction for the team member who had it, and records it in the history', async () => {
		const org = await makeOrganization(db);
		const person = await makePerson(db, org.id, { firstName: 'Léa', lastName: 'Roux' });
		const i = await createInteraction(db, claire, org.id, { kind: 'visit', occurredOn: '14/03/2025', subject: "Visite de l'atelier", personId: person.id });
		expect(i).toMatchObject({ teamMemberId: claire.id, occurredOn: '2025-03-14', personId: person.id });
		const byPaul = await createInteraction(db, claire, org.id, { kind: 'call', occurredOn: '2025-03-20', subject: 'Relance', teamMemberId: paul.id });
		expect(byPaul.teamMemberId).toBe(paul.id);
		expect((await listInteractions(db, claire, org.id)).map((x) => x.subject)).toEqual(['Relance', "Visite de l'atelier"]);

		const updated = await updateInteraction(db, paul, i.id, { notes: 'Besoin de recruter deux menuisiers' });
		expect(updated.notes).toBe('Besoin de recruter deux menuisiers');
		await deleteInteraction(db, paul, byPaul.id);
		const history = (await historyOf(db, org.id)).filter((h) => h.entity === 'interaction');
		expect(history.map((h) => [h.action, h.actorLabel])).toEqual([
			['created', 'Claire Martin'], ['created', 'Claire Martin'], ['updated', 'Paul Girard'], ['deleted', 'Paul Girard']
		]);
		expect(history[2].changes).toEqual({ notes: [null, 'Besoin de recruter deux menuisiers'] });

		const detail = await getOrganizationDetail(db, claire, org.id);
		expect(detail.interactions).toEqual([expect.objectContaining({ id: i.id, teamMemberName: 'Claire Martin', personName: 'Léa Roux' })]);
	});

	it('refuses a contact of another organization on an interaction', async () => {
		const org = await makeOrganization(db);
		const stranger = await makePerson(db, (await makeOrganization(db)).id);
		const e = await rejection(createInteraction(db, claire, org.id, { kind: 'call', occurredOn: '2025-03-20', subject: 'Appel', personId: stranger.id }));
		expect((e as InvalidError).issues).toEqual([{ path: 'personId', message: 'error_invalid_choice' }]);
	});

	it('tracks needs from open to addressed; the open ones feed collective actions', async () => {
		const org = await makeOrganization(db, { name: 'Scierie Besoin' });
		const n = await createNeed(db, claire, org.id, { category: 'recruitment', text: 'Deux menuisiers poseurs' });
		expect(n.status).toBe('open');
		const open = async () => (await listOpenNeeds(db, claire, { category: 'recruitment' })).filter((r) => r.need.organizationId === org.id);
		expect((await open()).map((r) => [r.need.text, r.organizationName])).toEqual([['Deux menuisiers poseurs', 'Scierie Besoin']]);
		await updateNeed(db, paul, n.id, { status: 'in_progress' });
		expect(await open()).toHaveLength(1);
		await updateNeed(db, paul, n.id, { status: 'addressed' });
		expect(await open()).toEqual([]);
		const changes = (await historyOf(db, org.id)).filter((h) => h.entity === 'need').map((h) => h.changes);
		expect(changes).toEqual([{ text: [null, 'Deux menuisiers poseurs'] }, { status: ['open', 'in_progress'] }, { status: ['in_progress', 'addressed'] }]);
	});

	it('refuses to link a need to an interaction of another organization', async () => {
		const org = await makeOrganization(db);
		const other = await makeOrganization(db);
		const elsewhere = await createInteraction(db, claire, other.id, { kind: 'call', occurredOn: '2025-03-20', subject: 'Appel' });
		const e = await rejection(createNeed(db, claire, org.id, { category: 'training', text: 'Former au BIM', interactionId: elsewhere.id }));
		expect(e).toBeInstanceOf(InvalidError);
		expect((e as InvalidError).issues).toEqual([{ path: 'interactionId', message: 'error_invalid_choice' }]);
	});
});

describe('who may do what', () => {
	let own: { id: string };
	let other: { id: string };
	let member: Actor;
	let partner: Actor;

	beforeAll(async () => {
		own = await makeOrganization(db, { name: 'Menuiserie Adhérente', status: 'member', tags: 'bois', teamMemberId: claire.id });
		other = await makeOrganization(db, { name: 'Voisin' });
		member = (await makeMemberUser(db, own.id)).actor;
		const partnerOrg = await makeOrganization(db, { status: 'partner', partnerKind: 'funder' });
		partner = (await makeMemberUser(db, partnerOrg.id, { role: 'partner' })).actor;
		await createInteraction(db, claire, own.id, { kind: 'meeting', occurredOn: '2025-01-10', subject: 'Note interne' });
	});

	it('lets a member edit its own organization but not its status, tags or animateur', async () => {
		const after = await updateOrganization(db, member, own.id, {
			description: 'Menuiserie sur mesure', phone: '05 59 00 00 00', status: 'former_member', teamMemberId: paul.id, tags: 'promo'
		});
		expect(after).toMatchObject({ description: 'Menuiserie sur mesure', phone: '+33559000000', status: 'member', teamMemberId: claire.id, tags: ['bois'] });
		const [entry] = (await historyOf(db, own.id)).filter((h) => h.action === 'updated');
		expect(Object.keys(entry.changes as object).sort()).toEqual(['description', 'phone']);
	});

	it('lets a member manage its own contacts', async () => {
		await expect(createPerson(db, member, own.id, { firstName: 'Jean', lastName: 'Adhérent' })).resolves.toMatchObject({ organizationId: own.id });
		expect(await rejection(createPerson(db, member, other.id, { firstName: 'Jean', lastName: 'Intrus' }))).toBeInstanceOf(ForbiddenError);
	});

	it('keeps a member out of other organizations, the list and the team\'s work', async () => {
		expect(await rejection(updateOrganization(db, member, other.id, { description: 'pirate' }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(getOrganization(db, member, other.id))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(listOrganizations(db, member, {}))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(createOrganization(db, member, { name: 'Nouvelle' }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(createMembership(db, member, own.id, { year: thisYear, amount: 1 }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(createInteraction(db, member, own.id, { kind: 'call', occurredOn: '2025-01-01', subject: 'x' }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(deleteOrganization(db, member, own.id))).toBeInstanceOf(ForbiddenError);
		const detail = await getOrganizationDetail(db, member, own.id);
		expect(detail.organization.id).toBe(own.id);
		expect({ interactions: detail.interactions, needs: detail.needs, history: detail.history }).toEqual({ interactions: [], needs: [], history: [] });
		expect((await getOrganizationDetail(db, claire, own.id)).interactions).toHaveLength(1);
	});

	it('lets a partner read its organization and change nothing', async () => {
		const orgId = partner.organizationId!;
		await expect(getOrganization(db, partner, orgId)).resolves.toMatchObject({ id: orgId });
		expect(await rejection(updateOrganization(db, partner, orgId, { description: 'x' }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(createPerson(db, partner, orgId, { firstName: 'A', lastName: 'B' }))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(getOrganization(db, partner, own.id))).toBeInstanceOf(ForbiddenError);
		expect(await rejection(listOrganizations(db, partner, {}))).toBeInstanceOf(ForbiddenError);
	});
});

describe('segments', () => {
	it('saves only the filter keys the list understands, without paging or defaults', async () => {
		const s = await createSegment(db, claire, {
			name: 'Adhérents girondins',
			filter: { status: 'member', departement: '33', tag: 'bois', page: '3', perPage: '50', sort: 'name', dir: 'asc', owner: 'moi', q: '' }
		});
		expect(s.filter).toEqual({ status: ['member'], departement: '33', tag: 'bois' });
		expect(s).toMatchObject({ ownerId: claire.id, shared: true });
		const byDate = await createSegment(db, claire, { name: 'Récents', shared: 'non', filter: { sort: 'created', dir: 'desc', notRenewedFor: String(thisYear) } });
		expect(byDate.filter).toEqual({ sort: 'created', dir: 'desc', notRenewedFor: thisYear });
	});

	it('refuses a filter the list would refuse', async () => {
		const e = await rejection(createSegment(db, claire, { name: 'Cassé', filter: { status: 'boss' } }));
		expect(e).toBeInstanceOf(InvalidError);
	});

	it('shows shared segments to the team and private ones to their owner only', async () => {
		const shared = await createSegment(db, paul, { name: 'Partagé de Paul', filter: {} });
		const mine = await createSegment(db, paul, { name: 'Privé de Paul', shared: false, filter: {} });
		const seenBy = async (a: Actor) => (await listSegments(db, a)).map((s) => s.id);
		expect(await seenBy(paul)).toEqual(expect.arrayContaining([shared.id, mine.id]));
		expect(await seenBy(claire)).toContain(shared.id);
		expect(await seenBy(claire)).not.toContain(mine.id);
		expect(await rejection(deleteSegment(db, claire, shared.id))).toBeInstanceOf(ForbiddenError);
		await deleteSegment(db, paul, shared.id);
		expect(await seenBy(paul)).not.toContain(shared.id);
	});
});
