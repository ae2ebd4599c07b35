// Pooled employment on a real engine: the split of a shared position adds up or is refused beside its
// field, a half-day is one company's, companies belong to the group, who may see and change what, the
// agreements' flows, and secondment matching ranked with its reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { competencies } from '../showcase/schema';
import { trades } from '../trainings/schema';
import {
	agreementDocument,
	attachAgreementDocument,
	contactTeamAbout,
	createGroup,
	createSecondment,
	getGroup,
	getListing,
	listGroups,
	listListings,
	listSecondments,
	matchesFor,
	saveListing,
	savePosition,
	splitCost,
	updateAgreement,
	updateGroup,
	updateSecondmentStatus
} from './service';
import { positionFromForm } from './validation';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsStorage } from '../files/storage';

let database: Database;
let db: Db;
let team: Actor;
let memberA: Actor;
let memberC: Actor;
let partner: Actor;
let orgA: string;
let orgB: string;
let orgC: string;
const C: Record<string, string> = {};
let tradeId: string;
let otherTradeId: string;

async function issuesOf(p: Promise<unknown>): Promise<[string, string][]> {
	const e = await p.then(
		() => null,
		(x) => x
	);
	expect(e).toBeInstanceOf(InvalidError);
	return (e as InvalidError).issues.map((i) => [i.path, i.message] as [string, string]).sort();
}

const position = (overrides: Record<string, unknown> = {}) => ({
	title: 'Responsable qualité',
	weeklyHours: '35',
	startDate: '2026-01-05',
	monthlyCost: '4 200',
	splitMode: 'percent',
	shares: [
		{ organizationId: orgA, time: '40', cost: '' },
		{ organizationId: orgB, time: '60', cost: '' }
	],
	slots: [
		{ day: 1, half: 'am', organizationId: orgA },
		{ day: 1, half: 'pm', organizationId: orgA },
		{ day: 2, half: 'am', organizationId: orgA },
		{ day: 3, half: 'am', organizationId: orgB }
	],
	...overrides
});

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	orgA = (await makeOrganization(db, { name: 'Menuiserie Landaise', status: 'member' })).id;
	orgB = (await makeOrganization(db, { name: 'Charpentes du Béarn', status: 'member' })).id;
	orgC = (await makeOrganization(db, { name: 'Scierie du Limousin', status: 'member' })).id;
	memberA = (await makeMemberUser(db, orgA)).actor;
	memberC = (await makeMemberUser(db, orgC)).actor;
	partner = (await makeMemberUser(db, (await makeOrganization(db, { status: 'partner' })).id, { role: 'partner' })).actor;
	const names = ['Lean management', 'Qualité ISO 9001', 'Conduite de projet', 'Bureau d’études', 'Export', 'Maintenance'];
	for (const [i, name] of names.entries()) {
		C[name] = crypto.randomUUID();
		await db.insert(competencies).values({ id: C[name], name, position: i });
	}
	tradeId = crypto.randomUUID();
	otherTradeId = crypto.randomUUID();
	await db.insert(trades).values([
		{ id: tradeId, position: 900, name: 'Conducteur de ligne (test)', slug: `test-ligne-${tradeId}` },
		{ id: otherTradeId, position: 901, name: 'Couvreur (test)', slug: `test-couvreur-${otherTradeId}` }
	]);
});
afterAll(async () => database?.close());

describe('employer groups and shared positions', () => {
	let groupId: string;

	it('lets only the team record a group, and shows it to its member companies only', async () => {
		await expect(createGroup(db, memberA, { name: 'GE', legalForm: 'association', memberIds: [orgA] })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await issuesOf(createGroup(db, team, { name: '', legalForm: 'sarl', siret: '123', contactEmail: 'pas-une-adresse', memberIds: [orgA] }))).toEqual([
			['contactEmail', 'error_email'],
			['legalForm', 'error_invalid_choice'],
			['name', 'error_required'],
			['siret', 'error_siret']
		]);
		({ id: groupId } = await createGroup(db, team, { name: 'GE Bois Sud-Ouest', legalForm: 'association', contactName: 'Anne Roux', memberIds: [orgA, orgB] }));
		expect((await listGroups(db, memberA)).map((g) => g.name)).toEqual(['GE Bois Sud-Ouest']);
		expect(await listGroups(db, memberC)).toEqual([]);
		expect(await listGroups(db, partner)).toEqual([]);
		await expect(getGroup(db, memberC, groupId)).rejects.toBeInstanceOf(NotFoundError);
		const g = await getGroup(db, memberA, groupId);
		expect(g.members.map((m) => m.name)).toEqual(['Charpentes du Béarn', 'Menuiserie Landaise']);
		expect(g.canEdit).toBe(false);
	});

	it('refuses a split that does not add up, naming the field, and saves nothing', async () => {
		const wrong = position({
			shares: [
				{ organizationId: orgA, time: '40', cost: '' },
				{ organizationId: orgB, time: '50', cost: '' }
			]
		});
		expect(await issuesOf(savePosition(db, team, groupId, null, wrong))).toEqual([['shares', 'error_pooling_shares_sum_percent']]);
		// Every wrong field at once: title, dates, and a company outside the group.
		expect(
			await issuesOf(
				savePosition(db, team, groupId, null, position({ title: '', startDate: '2026-03-01', endDate: '2026-02-01', slots: [], shares: [{ organizationId: orgA, time: '100' }, { organizationId: orgC, time: '10' }] }))
			)
		).toEqual([
			['endDate', 'error_pooling_end_before_start'],
			['shares.' + orgC + '.time', 'error_pooling_not_in_group'],
			['title', 'error_required']
		]);
		// Cost shares given for some companies must add up too.
		expect(
			await issuesOf(
				savePosition(db, team, groupId, null, position({ shares: [{ organizationId: orgA, time: '40', cost: '50' }, { organizationId: orgB, time: '60', cost: '30' }] }))
			)
		).toEqual([['costShares', 'error_pooling_cost_sum']]);
		expect((await getGroup(db, team, groupId)).positions).toEqual([]);
	});

	it('gives each half-day to one company of the split', async () => {
		const twice = position({
			slots: [
				{ day: 1, half: 'am', organizationId: orgA },
				{ day: 1, half: 'am', organizationId: orgB }
			]
		});
		expect(await issuesOf(savePosition(db, team, groupId, null, twice))).toEqual([['slot.1.am', 'error_pooling_slot_taken']]);
		// A company of the group that takes no part in the split has no half-day; one outside the group neither.
		await updateGroup(db, team, groupId, { name: 'GE Bois Sud-Ouest', legalForm: 'association', memberIds: [orgA, orgB, orgC] });
		expect(
			await issuesOf(
				savePosition(db, team, groupId, null, position({ slots: [{ day: 4, half: 'pm', organizationId: orgC }, { day: 5, half: 'am', organizationId: crypto.randomUUID() }] }))
			)
		).toEqual([
			['slot.4.pm', 'error_pooling_slot_not_in_split'],
			['slot.5.am', 'error_pooling_not_in_group']
		]);
	});

	it('saves a right split, with the monthly cost of each company adding up to the cent, and agreements to follow', async () => {
		const { id } = await savePosition(db, team, groupId, null, position({ monthlyCost: '1000,01', tradeId }));
		const g = await getGroup(db, team, groupId);
		const p = g.positions.find((x) => x.id === id)!;
		expect(p).toMatchObject({ title: 'Responsable qualité', weeklyMinutes: 2100, monthlyCostCents: 100001, splitMode: 'percent', tradeName: 'Conducteur de ligne (test)' });
		const byName = Object.fromEntries(p.shares.map((s) => [s.organizationName, s]));
		expect(byName['Menuiserie Landaise']).toMatchObject({ timeBasisPoints: 4000, costBasisPoints: 4000, monthlyCostCents: 40000, halfDays: 3 });
		expect(byName['Charpentes du Béarn']).toMatchObject({ timeBasisPoints: 6000, costBasisPoints: 6000, monthlyCostCents: 60001, halfDays: 1 });
		expect(p.slots).toEqual({ '1.am': orgA, '1.pm': orgA, '2.am': orgA, '3.am': orgB });
		expect(p.agreements.map((a) => [a.organizationName, a.status])).toEqual([
			['Charpentes du Béarn', 'proposed'],
			['Menuiserie Landaise', 'proposed']
		]);
		// A company in a split cannot leave the group.
		expect(await issuesOf(updateGroup(db, team, groupId, { name: 'GE Bois Sud-Ouest', legalForm: 'association', memberIds: [orgA] }))).toEqual([
			['memberIds', 'error_pooling_member_in_split']
		]);
		await expect(savePosition(db, memberA, groupId, id, position())).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('splits by hours when asked: the hours add up to the weekly hours, and the cost follows the time', async () => {
		const form = positionFromForm({
			title: 'Technicien bureau d’études',
			weeklyHours: '35',
			startDate: '01/02/2026',
			monthlyCost: '3 500',
			splitMode: 'hours',
			[`shares.${orgA}.time`]: '14',
			[`shares.${orgA}.cost`]: '',
			[`shares.${orgB}.time`]: '17,5',
			[`shares.${orgB}.cost`]: '',
			[`shares.${orgC}.time`]: '',
			[`shares.${orgC}.cost`]: '',
			'slot.1.am': orgA,
			'slot.5.pm': ''
		});
		expect(await issuesOf(savePosition(db, team, groupId, null, form))).toEqual([['shares', 'error_pooling_shares_sum_hours']]);
		const { id } = await savePosition(db, team, groupId, null, { ...form, shares: [...(form.shares as object[]), { organizationId: orgC, time: '3,5' }] });
		const p = (await getGroup(db, team, groupId)).positions.find((x) => x.id === id)!;
		expect(p.shares.map((s) => [s.organizationName, s.timeMinutes, s.costBasisPoints, s.monthlyCostCents])).toEqual([
			['Charpentes du Béarn', 1050, 5000, 175000],
			['Menuiserie Landaise', 840, 4000, 140000],
			['Scierie du Limousin', 210, 1000, 35000]
		]);
		expect(p.startDate).toBe('2026-02-01');
	});

	it('keeps the group’s notes and the other companies’ agreement notes for the team', async () => {
		const { id } = await createGroup(db, team, { name: 'GE notes', legalForm: 'association', notes: 'Trésorerie tendue, relancer Landaise', memberIds: [orgA, orgB] });
		await savePosition(db, team, id, null, position());
		const agreements = (await getGroup(db, team, id)).positions[0].agreements;
		await updateAgreement(db, team, agreements.find((a) => a.organizationId === orgB)!.id, { status: 'proposed', notes: 'Béarn hésite sur le coût' });
		await updateAgreement(db, memberA, agreements.find((a) => a.organizationId === orgA)!.id, { status: 'signed', notes: 'Signé par la gérante' });
		const seen = await getGroup(db, memberA, id);
		expect(seen.notes).toBeNull();
		expect(seen.positions[0].agreements.map((a) => [a.organizationId, a.notes])).toEqual([
			[orgB, null],
			[orgA, 'Signé par la gérante']
		]);
		const all = await getGroup(db, team, id);
		expect(all.notes).toBe('Trésorerie tendue, relancer Landaise');
		expect(all.positions[0].agreements.map((a) => a.notes)).toEqual(['Béarn hésite sur le coût', 'Signé par la gérante']);
	});

	it('shows a member company only the positions it takes part in', async () => {
		expect((await getGroup(db, memberC, groupId)).positions.map((p) => p.title)).toEqual(['Technicien bureau d’études']);
		expect((await getGroup(db, memberA, groupId)).positions).toHaveLength(2);
	});

	it('lets a company sign its own proposed agreement only, and the team follow the flow', async () => {
		const g = await getGroup(db, memberA, groupId);
		const p = g.positions[0];
		const mine = p.agreements.find((a) => a.organizationId === orgA)!;
		const theirs = p.agreements.find((a) => a.organizationId === orgB)!;
		expect(mine.canEdit).toBe(true);
		expect(theirs.canEdit).toBe(false);
		await expect(updateAgreement(db, memberA, theirs.id, { status: 'signed' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updateAgreement(db, memberA, mine.id, { status: 'ended' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updateAgreement(db, memberC, mine.id, { status: 'signed' })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await updateAgreement(db, memberA, mine.id, { status: 'signed', notes: 'Signé par la gérante' })).toEqual({ status: 'signed' });
		await expect(updateAgreement(db, memberA, mine.id, { status: 'signed' })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await issuesOf(updateAgreement(db, team, mine.id, { status: 'proposed' }))).toEqual([['status', 'error_pooling_status_transition']]);
		expect(await issuesOf(updateAgreement(db, team, theirs.id, { status: 'signed', signedOn: '2999-01-01' }))).toEqual([['signedOn', 'error_pooling_signed_in_future']]);
		await updateAgreement(db, team, theirs.id, { status: 'signed', signedOn: '2025-12-15' });
		await updateAgreement(db, team, mine.id, { status: 'ended' });
		const after = (await getGroup(db, team, groupId)).positions[0].agreements;
		expect(after.find((a) => a.id === mine.id)).toMatchObject({ status: 'ended' });
		expect(after.find((a) => a.id === mine.id)!.signedOn).not.toBeNull();
		expect(after.find((a) => a.id === mine.id)!.endedOn).not.toBeNull();
		expect(after.find((a) => a.id === theirs.id)).toMatchObject({ status: 'signed', signedOn: '2025-12-15' });
	});
});

describe('agreement documents', () => {
	it('keeps the signed PDF for the team and the company itself only', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'grappe-pooling-'));
		const storage = createFsStorage(dir);
		try {
			const { id: groupId } = await createGroup(db, team, { name: 'GE documents', legalForm: 'association', memberIds: [orgA, orgB] });
			await savePosition(db, team, groupId, null, position());
			const agreements = (await getGroup(db, team, groupId)).positions[0].agreements;
			const mine = agreements.find((a) => a.organizationId === orgA)!;
			const pdf = new TextEncoder().encode('%PDF-1.4\n% convention signée\n%%EOF');
			expect(await issuesOf(attachAgreementDocument(db, storage, memberA, mine.id, { name: 'convention.docx', data: new TextEncoder().encode('PK\u0003\u0004 word') }))).toEqual([['document', 'error_pooling_document_type']]);
			expect(await issuesOf(attachAgreementDocument(db, storage, memberA, mine.id, null))).toEqual([['document', 'error_required']]);
			await expect(attachAgreementDocument(db, storage, memberC, mine.id, { name: 'x.pdf', data: pdf })).rejects.toBeInstanceOf(ForbiddenError);
			await attachAgreementDocument(db, storage, memberA, mine.id, { name: 'convention "signée".pdf', data: pdf });
			const back = await agreementDocument(db, storage, team, mine.id);
			expect(back.filename).toBe('convention _signée_.pdf');
			expect(new TextDecoder().decode(back.data)).toContain('convention signée');
			await expect(agreementDocument(db, storage, memberC, mine.id)).rejects.toBeInstanceOf(ForbiddenError);
			const theirs = agreements.find((a) => a.organizationId === orgB)!;
			await expect(agreementDocument(db, storage, team, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
			expect((await getGroup(db, memberA, groupId)).positions[0].agreements.find((a) => a.id === mine.id)).toMatchObject({ documentName: 'convention _signée_.pdf', canDocument: true });
			// Signed, the company can no longer replace (and so delete) the document; the team still can.
			await updateAgreement(db, memberA, mine.id, { status: 'signed' });
			expect(await issuesOf(attachAgreementDocument(db, storage, memberA, mine.id, { name: 'autre.pdf', data: new TextEncoder().encode('%PDF-1.4\n% autre\n%%EOF') }))).toEqual([['document', 'error_pooling_document_locked']]);
			expect(new TextDecoder().decode((await agreementDocument(db, storage, memberA, mine.id)).data)).toContain('convention signée');
			expect((await getGroup(db, memberA, groupId)).positions[0].agreements.find((a) => a.id === mine.id)).toMatchObject({ canDocument: true, canAttach: false });
			await attachAgreementDocument(db, storage, team, mine.id, { name: 'corrigée.pdf', data: new TextEncoder().encode('%PDF-1.4\n% corrigée\n%%EOF') });
			expect((await agreementDocument(db, storage, memberA, mine.id)).filename).toBe('corrigée.pdf');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('splitCost', () => {
	it('gives the cents rounding leaves to the largest fractions, so the parts add up', () => {
		expect(splitCost(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
		expect(splitCost(1000, [5000, 5000])).toEqual([500, 500]);
		expect(splitCost(101, [5000, 5000]).reduce((a, b) => a + b)).toBe(101);
	});
});

describe('secondments', () => {
	const listing = (overrides: Record<string, unknown> = {}) => ({
		kind: 'offer',
		title: 'Directeur industriel senior',
		competencyIds: [C['Lean management'], C['Qualité ISO 9001'], C['Conduite de projet']],
		tradeId,
		seniority: 'senior',
		durationMinMonths: '12',
		durationMaxMonths: '18',
		startDate: '2026-09-01',
		workTime: 'full',
		...overrides
	});
	let offer: string;
	let bestRequest: string;
	let partialRequest: string;

	it('lets a member post for its own organization only, and keeps the offered person anonymous', async () => {
		expect(await issuesOf(saveListing(db, memberC, null, listing({ title: '', durationMinMonths: '18', durationMaxMonths: '12', competencyIds: [], tradeId: '' })))).toEqual([
			['durationMaxMonths', 'error_pooling_duration_order'],
			['title', 'error_required']
		]);
		expect(await issuesOf(saveListing(db, memberC, null, listing({ competencyIds: [], tradeId: '' })))).toEqual([['competencyIds', 'error_pooling_competencies_or_trade']]);
		await expect(saveListing(db, partner, null, listing())).rejects.toBeInstanceOf(ForbiddenError);
		// The organization a member names is ignored: it posts for its own.
		({ id: offer } = await saveListing(db, memberC, null, listing({ organizationId: orgA, personName: 'Jean Dupuis' })));
		const seenByOwner = await getListing(db, memberC, offer);
		expect(seenByOwner).toMatchObject({ organizationId: orgC, personName: 'Jean Dupuis', mine: true });
		const seenByOther = await getListing(db, memberA, offer);
		expect(seenByOther).toMatchObject({ personName: null, mine: false });
		expect(seenByOther.competencies.map((c) => c.name)).toEqual(['Lean management', 'Qualité ISO 9001', 'Conduite de projet']);
		await expect(saveListing(db, memberA, offer, listing({ title: 'Pris' }))).rejects.toBeInstanceOf(ForbiddenError);
		expect(await issuesOf(saveListing(db, team, null, listing()))).toEqual([['organizationId', 'error_required']]);
		// A draft is its owner's and the team's only.
		const { id: draft } = await saveListing(db, memberC, null, listing({ status: 'draft', title: 'Brouillon' }));
		await expect(getListing(db, memberA, draft)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listListings(db, memberA, { kind: 'offer' })).map((l) => l.title)).not.toContain('Brouillon');
		expect((await listListings(db, team, { kind: 'offer' })).map((l) => l.title)).toContain('Brouillon');
	});

	it('ranks the requests an offer answers, best first, with the reasons', async () => {
		({ id: bestRequest } = await saveListing(
			db,
			memberA,
			null,
			listing({ kind: 'request', title: 'Pilote de la démarche lean', competencyIds: [C['Lean management'], C['Qualité ISO 9001'], C['Conduite de projet']], startDate: '2026-09-15' })
		));
		({ id: partialRequest } = await saveListing(
			db,
			team,
			null,
			listing({
				kind: 'request',
				organizationId: orgB,
				title: 'Responsable export',
				competencyIds: [C['Export'], C['Conduite de projet']],
				tradeId: otherTradeId,
				durationMinMonths: '24',
				durationMaxMonths: '36',
				startDate: '2027-06-01',
				workTime: 'part'
			})
		));
		// Nothing in common: not a match at all.
		await saveListing(db, team, null, listing({ kind: 'request', organizationId: orgB, title: 'Couvreur', competencyIds: [C['Maintenance']], tradeId: otherTradeId }));
		// The offering company's own request is left out.
		await saveListing(db, memberC, null, listing({ kind: 'request', title: 'Notre propre besoin' }));

		const matches = await matchesFor(db, memberA, offer);
		expect(matches.map((m) => [m.listing.title, m.score])).toEqual([
			['Pilote de la démarche lean', 100],
			['Responsable export', 30]
		]);
		expect(matches[0].reasons.map((r) => r.key)).toEqual(['pooling_match_competencies', 'pooling_match_trade', 'pooling_match_duration', 'pooling_match_start', 'pooling_match_full_time']);
		expect(matches[0].reasons[0].params).toEqual({ count: 3, names: 'Lean management, Qualité ISO 9001, Conduite de projet' });
		expect(matches[0].reasons[2].params).toEqual({ from: 12, to: 18 });
		expect(matches[1].reasons).toEqual([{ key: 'pooling_match_competencies_one', params: { count: 1, names: 'Conduite de projet' } }]);
		// And the other way round: the offers for a request.
		const back = await matchesFor(db, memberA, bestRequest);
		expect(back[0]).toMatchObject({ score: 100, listing: { id: offer } });
	});

	it('ranks by competencies in common first', async () => {
		const { id: twoOfThree } = await saveListing(
			db,
			team,
			null,
			listing({ organizationId: orgB, title: 'Ingénieure qualité', competencyIds: [C['Qualité ISO 9001'], C['Conduite de projet']], tradeId: '', startDate: '2026-09-01' })
		);
		const { id: oneOfThree } = await saveListing(
			db,
			team,
			null,
			listing({ organizationId: orgB, title: 'Chef de projet', competencyIds: [C['Conduite de projet']], tradeId: '', startDate: '2026-09-01' })
		);
		const ranked = (await matchesFor(db, team, bestRequest)).map((m) => m.listing.id);
		expect(ranked.indexOf(offer)).toBe(0);
		expect(ranked.indexOf(twoOfThree)).toBeLessThan(ranked.indexOf(oneOfThree));
	});

	it('sends a member’s message about a listing to the team by email', async () => {
		await expect(contactTeamAbout(db, memberA, offer, { message: '' }, { baseUrl: 'https://grappe.example' })).rejects.toBeInstanceOf(InvalidError);
		const { sent } = await contactTeamAbout(db, memberA, offer, { message: 'Ce profil nous intéresse pour 2026.' }, { baseUrl: 'https://grappe.example' });
		expect(sent).toBeGreaterThan(0);
		const mails = (await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB))).map((r) => r.payload as unknown as MailMessage).filter((m) => m.text.includes('Ce profil nous intéresse'));
		expect(mails).toHaveLength(sent);
		expect(mails[0].subject).toContain('Directeur industriel senior');
		expect(mails[0].text).toContain(`https://grappe.example/app/pooling/secondments/${offer}`);
	});

	it('lets the team record an agreement and follow its status; members read their own', async () => {
		const base = { offerId: offer, requestId: bestRequest, lendingOrganizationId: orgC, hostOrganizationId: orgA, startDate: '2026-09-15', endDate: '2027-09-14' };
		await expect(createSecondment(db, memberA, base)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await issuesOf(createSecondment(db, team, { ...base, hostOrganizationId: orgC, endDate: '2026-01-01' }))).toEqual([
			['endDate', 'error_pooling_end_before_start'],
			['hostOrganizationId', 'error_pooling_same_company']
		]);
		expect(await issuesOf(createSecondment(db, team, { ...base, offerId: bestRequest }))).toEqual([['offerId', 'error_invalid_choice']]);
		expect(await issuesOf(createSecondment(db, team, { ...base, lendingOrganizationId: orgB }))).toEqual([['lendingOrganizationId', 'error_pooling_listing_other_company']]);
		const { id } = await createSecondment(db, team, { ...base, personName: 'Jean Dupuis' });
		expect((await listSecondments(db, memberA)).map((s) => [s.lendingOrganizationName, s.hostOrganizationName, s.status])).toEqual([['Scierie du Limousin', 'Menuiserie Landaise', 'draft']]);
		expect(await listSecondments(db, partner)).toEqual([]);
		await expect(updateSecondmentStatus(db, memberA, id, { status: 'signed' })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await issuesOf(updateSecondmentStatus(db, team, id, { status: 'running' }))).toEqual([['status', 'error_pooling_status_transition']]);
		await updateSecondmentStatus(db, team, id, { status: 'signed' });
		// Signed: the offer and the request leave the board.
		expect((await getListing(db, team, offer)).status).toBe('closed');
		await expect(getListing(db, memberA, offer)).rejects.toBeInstanceOf(NotFoundError);
		await updateSecondmentStatus(db, team, id, { status: 'running' });
		await updateSecondmentStatus(db, team, id, { status: 'ended' });
		expect(await issuesOf(updateSecondmentStatus(db, team, id, { status: 'cancelled' }))).toEqual([['status', 'error_pooling_status_transition']]);
		expect((await listSecondments(db, team)).find((s) => s.id === id)?.status).toBe('ended');
	});
});
