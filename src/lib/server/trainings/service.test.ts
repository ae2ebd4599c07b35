// Trainings and trades on a real engine: slugs of trades, who may edit which training (a provider its own,
// the team all), labels shown only while valid, the catalogue's French search and filters, and school
// requests from the form to the match with both sides emailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import {
	createLabel,
	createTrade,
	createTraining,
	deleteTraining,
	getSchoolRequest,
	getTradeBySlug,
	grantLabel,
	listManagedTrainings,
	listSchoolRequests,
	listTrades,
	matchVolunteer,
	moveTrade,
	publicTrade,
	publicTraining,
	searchTrainings,
	setSchoolRequestStatus,
	submitSchoolRequest,
	updateTrade,
	updateTraining,
	volunteerForRequest
} from './service';

let database: Database;
let db: Db;
let team: Actor;
let partner: Actor;
let partnerOrg: string;
let member: Actor;
let memberOrg: string;
let otherMember: Actor;
let prospectOrg: string;
let joinery: { id: string; slug: string };
let roofing: { id: string; slug: string };
const ctx = { baseUrl: 'https://grappe.example' };
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

async function mails(to: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => m.to === to);
}

const training = (overrides: Record<string, unknown> = {}) => ({
	title: 'CAP Menuisier fabricant',
	kind: 'initial',
	tradeIds: [joinery.id],
	content: 'Fabrication de menuiseries extérieures en bois, lecture de plans, usinage sur machines.',
	durationHours: '800',
	mode: 'onsite',
	commune: 'Pau',
	fundings: ['apprenticeship'],
	status: 'published',
	sessions: '01/09/2027 30/06/2028 rentrée',
	...overrides
});

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	partnerOrg = (await makeOrganization(db, { name: 'Centre de formation du bois', status: 'partner' })).id;
	partner = (await makeMemberUser(db, partnerOrg, { role: 'partner' })).actor;
	memberOrg = (await makeOrganization(db, { name: 'Charpentes du Béarn', status: 'member' })).id;
	member = (await makeMemberUser(db, memberOrg)).actor;
	const otherOrg = (await makeOrganization(db, { name: 'Menuiserie Landaise', status: 'member' })).id;
	otherMember = (await makeMemberUser(db, otherOrg)).actor;
	prospectOrg = (await makeOrganization(db, { name: 'Prospect SARL', status: 'prospect' })).id;
	joinery = await createTrade(db, team, { name: 'Menuisier / menuisière', description: 'Fabrique et pose portes et fenêtres.', skills: 'Lire un plan\nUsiner le bois' });
	roofing = await createTrade(db, team, { name: 'Couvreur / couvreuse' });
});
afterAll(async () => database?.close());

describe('trades', () => {
	it('slugs come from the name, stay unique, survive a rename, and change only when the team types one', async () => {
		expect(joinery.slug).toBe('menuisier-menuisiere');
		const twin = await createTrade(db, team, { name: 'Menuisier - Menuisière' });
		expect(twin.slug).toBe('menuisier-menuisiere-2');
		const renamed = await updateTrade(db, team, twin.id, { name: 'Menuisier agenceur' });
		expect(renamed.slug).toBe('menuisier-menuisiere-2');
		expect((await updateTrade(db, team, twin.id, { name: 'Menuisier agenceur', slug: 'menuisier-agenceur' })).slug).toBe('menuisier-agenceur');
		await expect(updateTrade(db, team, twin.id, { name: 'Menuisier agenceur', slug: 'menuisier-menuisiere' })).rejects.toMatchObject({ messageKey: 'error_trades_slug_taken', path: 'slug' });
		await expect(updateTrade(db, team, twin.id, { name: 'Menuisier agenceur', slug: 'Mauvaise Adresse' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'slug', message: 'error_trades_slug_format' })] });
		await expect(createTrade(db, team, { name: 'menuisier / MENUISIÈRE' })).rejects.toMatchObject({ messageKey: 'error_duplicate_name' });
		await expect(createTrade(db, team, { name: 'Couvreur / couvreuse' })).rejects.toMatchObject({ messageKey: 'error_duplicate_name', path: 'name' });
		await expect(createTrade(db, member, { name: 'Ébéniste' })).rejects.toBeInstanceOf(ForbiddenError);
		expect((await getTradeBySlug(db, 'menuisier-agenceur'))?.name).toBe('Menuisier agenceur');
	});

	it('keeps the team order, and accepts only video pages it can embed without tracking', async () => {
		await moveTrade(db, team, roofing.id, 'up');
		const order = (await listTrades(db)).map((t) => t.id);
		expect(order.indexOf(roofing.id)).toBeLessThan(order.indexOf(joinery.id));
		const bad = await updateTrade(db, team, roofing.id, { name: 'Couvreur / couvreuse', videos: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ\nhttps://exemple.fr/video' }).catch((e) => e);
		expect(bad).toBeInstanceOf(InvalidError);
		expect(bad.issues[0]).toMatchObject({ path: 'videos', message: 'error_trades_video_url', params: { line: 2 } });
		await updateTrade(db, team, roofing.id, { name: 'Couvreur / couvreuse', videos: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ\nhttps://vimeo.com/76979871\nhttps://tube.exemple.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d' });
		const page = await publicTrade(db, roofing.slug);
		expect(page.videos.map((v) => v.embedUrl)).toEqual([
			'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
			'https://player.vimeo.com/video/76979871?dnt=1',
			'https://tube.exemple.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d'
		]);
	});
});

describe('trainings and rights', () => {
	it('lets a partner manage only its own organization’s trainings, the team all, and refuses providers that are not partners or members', async () => {
		const mine = await createTraining(db, partner, training({ providerId: memberOrg }));
		expect(mine.providerId).toBe(partnerOrg);
		expect(mine.sessions).toMatchObject([{ startsOn: '2027-09-01', endsOn: '2028-06-30', note: 'rentrée' }]);
		const theirs = await createTraining(db, team, training({ title: 'Charpente traditionnelle', providerId: memberOrg, tradeIds: [] }));
		await expect(updateTraining(db, partner, theirs.id, training({ title: 'Pris' }))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteTraining(db, partner, theirs.id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updateTraining(db, member, mine.id, training())).rejects.toBeInstanceOf(ForbiddenError);
		expect((await listManagedTrainings(db, partner)).map((t) => t.id)).toEqual([mine.id]);
		expect((await listManagedTrainings(db, team)).length).toBeGreaterThanOrEqual(2);
		const updated = await updateTraining(db, partner, mine.id, training({ title: 'CAP Menuisier fabricant (apprentissage)' }));
		expect(updated.slug).toBe(mine.slug);
		await expect(createTraining(db, team, training({ providerId: prospectOrg }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'providerId', message: 'error_trainings_provider_not_eligible' })] });
		const bad = await createTraining(db, partner, training({ title: '', kind: 'autre', commune: 'Nullepart-sur-Rien', sessions: '32/13/2027', durationHours: '-3' })).catch((e) => e);
		expect(bad).toBeInstanceOf(InvalidError);
		expect(bad.issues.map((i: { path: string }) => i.path).sort()).toEqual(['commune', 'durationHours', 'kind', 'sessions', 'title']);
		expect(bad.issues.find((i: { path: string }) => i.path === 'sessions')).toMatchObject({ message: 'error_trainings_session_line', params: { line: 1 } });
		await expect(createTraining(db, partner, training({ mode: 'onsite', commune: '' }))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'commune', message: 'error_trainings_commune_required' })] });
		await expect(createTraining(db, partner, training({ mode: 'online', commune: '', title: 'Lecture de plans à distance' }))).resolves.toMatchObject({ departementCode: null });
	});
});

describe('labels and the public catalogue', () => {
	let labelled: string;
	let expired: string;
	it('shows a label only while it is granted and valid', async () => {
		const label = await createLabel(db, team, { name: 'Formation recommandée par le cluster', criteria: 'Taux d’insertion > 80 %' });
		await expect(createLabel(db, partner, { name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
		const a = await createTraining(db, team, training({ title: 'Pose de charpentes en bois massif', providerId: memberOrg, commune: 'Bordeaux', tradeIds: [roofing.id], kind: 'continuing', fundings: ['opco', 'cpf'] }));
		const b = await createTraining(db, team, training({ title: 'Couverture en ardoise', providerId: partnerOrg, commune: 'Limoges', tradeIds: [roofing.id], kind: 'continuing', fundings: ['region'] }));
		labelled = a.slug;
		expired = b.slug;
		await grantLabel(db, team, { labelId: label.id, trainingId: a.id, auditedOn: day(-30), validUntil: day(335) });
		await grantLabel(db, team, { labelId: label.id, trainingId: b.id, auditedOn: day(-400), validUntil: day(-35) });
		await expect(grantLabel(db, team, { labelId: label.id, trainingId: a.id, providerId: memberOrg, auditedOn: day(0), validUntil: day(1) })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'trainingId', message: 'error_trainings_grant_holder' })] });
		await expect(grantLabel(db, team, { labelId: label.id, trainingId: a.id, auditedOn: day(0), validUntil: day(-1) })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'validUntil' })] });
		expect((await publicTraining(db, labelled)).labels.map((l) => l.name)).toEqual(['Formation recommandée par le cluster']);
		expect((await publicTraining(db, expired)).labels).toEqual([]);
		const onlyLabelled = await searchTrainings(db, { labelled: true });
		expect(onlyLabelled.items.map((i) => i.slug)).toEqual([labelled]);
	});

	it('finds trainings by French words whatever their form, and filters by trade, kind, département and funding', async () => {
		// "charpente" (singular) finds "charpentes"; "ardoises" finds "ardoise"; accents do not matter.
		expect((await searchTrainings(db, { q: 'charpente bois' })).items.map((i) => i.slug)).toContain(labelled);
		expect((await searchTrainings(db, { q: 'ARDOISES' })).items.map((i) => i.slug)).toEqual([expired]);
		expect((await searchTrainings(db, { q: 'menuiseries exterieures' })).items.length).toBeGreaterThan(0);
		expect((await searchTrainings(db, { q: 'pâtisserie' })).total).toBe(0);
		const roof = await searchTrainings(db, { trade: roofing.slug });
		expect(roof.items.map((i) => i.slug).sort()).toEqual([expired, labelled].sort());
		expect(roof.byDepartement.get('33')).toBe(1);
		expect(roof.byDepartement.get('87')).toBe(1);
		const gironde = await searchTrainings(db, { trade: roofing.slug, departement: '33' });
		expect(gironde.items.map((i) => i.slug)).toEqual([labelled]);
		// The map keeps counting the other départements under the same filters.
		expect(gironde.byDepartement.get('87')).toBe(1);
		expect((await searchTrainings(db, { funding: 'cpf' })).items.map((i) => i.slug)).toEqual([labelled]);
		expect((await searchTrainings(db, { kind: 'initial', trade: roofing.slug })).total).toBe(0);
		// Drafts stay out.
		await createTraining(db, team, training({ title: 'Charpente brouillon', providerId: memberOrg, status: 'draft' }));
		expect((await searchTrainings(db, { q: 'brouillon' })).total).toBe(0);
		const page = await publicTrade(db, roofing.slug);
		expect(page.trainings.map((i) => i.slug).sort()).toEqual([expired, labelled].sort());
	});
});

describe('school requests', () => {
	const request = (overrides: Record<string, unknown> = {}) => ({
		kind: 'visit',
		schoolName: 'Collège Jean-Moulin',
		communeName: 'Pau',
		contactName: 'Mme Laurent',
		email: 'prof.laurent@college.example',
		phone: '05 59 00 00 00',
		classLevel: '3e',
		pupils: '24',
		tradeIds: [joinery.id],
		wishedDates: 'Mars 2027',
		message: '<script>alert(1)</script> Découverte des métiers du bois',
		consent: 'on',
		...overrides
	});

	it('takes a request only with consent and valid fields, acknowledges it, and lets members volunteer once the team opens it', async () => {
		const bad = await submitSchoolRequest(db, request({ consent: '', pupils: '0', email: 'pas-un-mail' }), { ...ctx, locale: 'fr' }).catch((e) => e);
		expect(bad).toBeInstanceOf(InvalidError);
		expect(bad.issues.map((i: { path: string }) => i.path).sort()).toEqual(['consent', 'email', 'pupils']);
		const r = await submitSchoolRequest(db, request(), { ...ctx, locale: 'fr' });
		expect(r.status).toBe('new');
		expect((await mails('prof.laurent@college.example')).map((m) => m.subject)).toEqual([expect.stringContaining('bien été reçue')]);
		// Not open yet: members neither see it nor volunteer.
		expect((await listSchoolRequests(db, member)).map((v) => v.request.id)).not.toContain(r.id);
		await expect(volunteerForRequest(db, member, r.id, { contactName: 'Paul', contactEmail: 'paul@charpentes.example' })).rejects.toMatchObject({ messageKey: 'error_trainings_request_not_open' });
		await expect(setSchoolRequestStatus(db, member, r.id, 'open')).rejects.toBeInstanceOf(ForbiddenError);
		await setSchoolRequestStatus(db, team, r.id, 'open');
		const seen = (await listSchoolRequests(db, member)).find((v) => v.request.id === r.id)!;
		// Members see the request, not the teacher's contact details nor the free-text message (which may carry them).
		expect(seen.request).toMatchObject({ schoolName: 'Collège Jean-Moulin', classLevel: '3e', pupils: 24, wishedDates: 'Mars 2027', kind: 'visit', email: '', contactName: '', phone: null, message: null });
		expect((await getSchoolRequest(db, member, r.id)).request.message).toBeNull();
		expect((await getSchoolRequest(db, team, r.id)).request.message).toContain('Découverte des métiers du bois');
		expect(seen.tradeNames).toEqual(['Menuisier / menuisière']);
		await expect(listSchoolRequests(db, partner)).resolves.toEqual([]);
		await expect(volunteerForRequest(db, partner, r.id, { contactName: 'X', contactEmail: 'x@x.example' })).rejects.toBeInstanceOf(ForbiddenError);
		const mine = await volunteerForRequest(db, member, r.id, { organizationId: prospectOrg, contactName: 'Paul Dufour', contactEmail: 'paul@charpentes.example', contactPhone: '06 12 34 56 78', message: 'Atelier ouvert le mardi.' });
		expect(mine.organizationId).toBe(memberOrg);
		await expect(volunteerForRequest(db, member, r.id, { contactName: 'Paul', contactEmail: 'paul@charpentes.example' })).rejects.toMatchObject({ messageKey: 'error_trainings_already_volunteered' });
		await volunteerForRequest(db, otherMember, r.id, { contactName: 'Lise', contactEmail: 'lise@menuiserie.example' });
		// A member sees its own offer only; the team sees both.
		expect((await getSchoolRequest(db, member, r.id)).volunteers.map((v) => v.contactName)).toEqual(['Paul Dufour']);
		expect((await getSchoolRequest(db, team, r.id)).volunteers).toHaveLength(2);

		await expect(matchVolunteer(db, member, r.id, mine.id, ctx)).rejects.toBeInstanceOf(ForbiddenError);
		await matchVolunteer(db, team, r.id, mine.id, ctx);
		const after = await getSchoolRequest(db, member, r.id);
		expect(after.request.status).toBe('matched');
		// The matched member now gets the school's contact details, by mail and on the page.
		expect(after.request.email).toBe('prof.laurent@college.example');
		expect(after.request.message).toContain('Découverte des métiers du bois');
		expect((await getSchoolRequest(db, otherMember, r.id)).request).toMatchObject({ email: '', message: null });
		const toSchool = (await mails('prof.laurent@college.example')).find((m) => m.subject.includes('Charpentes du Béarn'))!;
		expect(toSchool.text).toContain('paul@charpentes.example');
		expect(toSchool.text).toContain('06 12 34 56 78');
		const toMember = (await mails('paul@charpentes.example'))[0];
		expect(toMember.subject).toContain('Collège Jean-Moulin');
		expect(toMember.text).toContain('prof.laurent@college.example');
		expect(await mails('lise@menuiserie.example')).toEqual([]);
		await expect(volunteerForRequest(db, otherMember, r.id, { contactName: 'Lise', contactEmail: 'lise@menuiserie.example' })).rejects.toMatchObject({ messageKey: 'error_trainings_request_not_open' });
		await setSchoolRequestStatus(db, team, r.id, 'done');
		await expect(setSchoolRequestStatus(db, team, r.id, 'open')).rejects.toMatchObject({ messageKey: 'error_trainings_request_status' });
	});
});

describe('the catalogue’s dates and paging', () => {
	let slug: string;
	beforeAll(async () => {
		const label = await createLabel(db, team, { name: 'Label de juin' });
		const tr = await createTraining(db, team, training({
			title: 'Bardage bois : pose et finitions',
			providerId: partnerOrg,
			sessions: [{ startsOn: '2026-06-14' }, { startsOn: '2026-06-15', note: 'le jour même' }, { startsOn: '2026-06-20' }]
		}));
		slug = tr.slug;
		await grantLabel(db, team, { labelId: label.id, trainingId: tr.id, auditedOn: '2026-06-01', validUntil: '2026-06-14' });
	});

	it('reads “today” in France: at 23:30 UTC it is already the next day in Paris', async () => {
		const lateUtc = new Date('2026-06-14T23:30:00Z'); // 01:30 on 15 June in Paris
		const [item] = (await searchTrainings(db, { q: 'bardage' }, lateUtc)).items;
		expect(item.nextSession).toBe('2026-06-15');
		expect(item.labels).toEqual([]);
		const page = await publicTraining(db, slug, lateUtc);
		expect(page.sessions.map((x) => x.startsOn)).toEqual(['2026-06-15', '2026-06-20']);
		expect(page.labels).toEqual([]);
		// Two hours earlier it is still the 14th in Paris: that day's session is to come and the label valid.
		const evening = new Date('2026-06-14T21:30:00Z');
		expect((await searchTrainings(db, { q: 'bardage' }, evening)).items[0]).toMatchObject({ nextSession: '2026-06-14', labels: ['Label de juin'] });
		expect((await publicTraining(db, slug, evening)).sessions.map((x) => x.startsOn)).toEqual(['2026-06-14', '2026-06-15', '2026-06-20']);
	});

	it('gives at least one row whatever limit a caller asks for', async () => {
		const all = await searchTrainings(db, {});
		expect(all.total).toBeGreaterThan(2);
		const one = await searchTrainings(db, { limit: -1 });
		expect(one.items).toHaveLength(1);
		expect(one.total).toBe(all.total);
		expect((await searchTrainings(db, { limit: 0 })).items).toHaveLength(1);
		expect((await searchTrainings(db, { limit: 2.5, offset: -4 })).items.map((i) => i.slug)).toEqual(all.items.slice(0, 2).map((i) => i.slug));
	});
});
