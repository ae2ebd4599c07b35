// The survey engine on a real engine: authoring rules, sending to a segment, one answer per organization,
// anonymity, autosave then submission, required answers, closing, reminders, results and exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError } from '../errors';
import { makeMemberUser, makeOrganization, makePerson, makeTeamUser } from '../testing/factories';
import { createSegment } from '../crm/service';
import { jobs } from '../jobs/schema';
import { MAIL_JOB } from '../mail/service';
import type { MailMessage } from '../mail/transport';
import { surveyAnswers, surveyInvitations, surveyResponses } from './schema';
import {
	addQuestion,
	addSection,
	closeSurvey,
	computeResults,
	createSurvey,
	createSurveyFromDefinition,
	getSurvey,
	listInvitations,
	listResponses,
	moveQuestion,
	openInvitation,
	remindSurvey,
	removeQuestion,
	saveAnswers,
	sendSurvey,
	submitResponse,
	surveyReminderJobHandler,
	updateSurvey,
	REMINDER_JOB
} from './service';
import { exportResponses } from './export';

let database: Database;
let db: Db;
let team: Actor;
let member: Actor;
const ctx = { baseUrl: 'https://grappe.example' };
const DAY = 86_400_000;
let tagN = 0;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	const org = await makeOrganization(db);
	member = (await makeMemberUser(db, org.id)).actor;
});
afterAll(async () => database?.close());

/** A segment of `n` organizations (tagged), each with `people` contacts. */
async function segmentOf(n: number, people = 1, orgOverrides: Record<string, unknown> = {}) {
	const tag = `seg${++tagN}`;
	const orgs = [];
	for (let i = 0; i < n; i++) {
		const o = await makeOrganization(db, { tags: [tag], ...orgOverrides });
		const ps = [];
		for (let j = 0; j < people; j++) ps.push(await makePerson(db, o.id));
		orgs.push({ org: o, people: ps });
	}
	const segment = await createSegment(db, team, { name: `Segment ${tag}`, filter: { tag } });
	return { segment, orgs };
}

/** A survey of two sections: a required single choice and a scale, then a long text and a matrix. */
async function sampleSurvey(overrides: Record<string, unknown> = {}) {
	return createSurveyFromDefinition(db, team, {
		survey: { title: 'Satisfaction 2026', closesAt: new Date(Date.now() + 10 * DAY).toISOString(), ...overrides },
		sections: [
			{
				title: 'Votre avis',
				questions: [
					{ key: 'satisfied', type: 'single', label: 'Êtes-vous satisfait ?', required: true, choices: ['Oui', 'Non'] },
					{ key: 'score', type: 'scale', label: 'Note', min: 1, max: 5 }
				]
			},
			{
				title: 'Détails',
				questions: [
					{ key: 'comment', type: 'long_text', label: 'Commentaire' },
					{ key: 'topics', type: 'multiple', label: 'Thèmes', choices: ['Recrutement', 'Formation', 'Export'] },
					{ key: 'grid', type: 'matrix', label: 'Qualité', rows: ['Accueil', 'Contenu'], columns: ['Bonne', 'Moyenne', 'Mauvaise'] },
					{ key: 'staff', type: 'number', label: 'Nombre de salariés', min: 0, integer: true }
				]
			}
		]
	});
}

async function mailsTo(email: string): Promise<MailMessage[]> {
	const rows = await db.select().from(jobs).where(eq(jobs.kind, MAIL_JOB));
	return rows.map((r) => r.payload as unknown as MailMessage).filter((m) => m.to === email);
}

async function sent(overrides: Record<string, unknown> = {}, orgs = 2, people = 1) {
	const def = await sampleSurvey(overrides);
	const seg = await segmentOf(orgs, people);
	await sendSurvey(db, team, def.survey.id, { segmentId: seg.segment.id }, ctx);
	const invitations = await db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, def.survey.id));
	const q = Object.fromEntries(def.sections.flatMap((s) => s.questions).map((x) => [x.key, x]));
	return { def, seg, invitations, q };
}

describe('authoring', () => {
	it('names each wrong field of a question and keeps the survey unchanged', async () => {
		const s = await createSurvey(db, team, { title: 'Enquête' });
		const sec = await addSection(db, team, s.id, { title: 'Section 1' });
		const err = await addQuestion(db, team, sec.id, { type: 'single', label: '', choices: 'Seul choix' }).catch((e) => e);
		expect(err).toBeInstanceOf(InvalidError);
		expect(Object.fromEntries((err as InvalidError).issues.map((i) => [i.path, i.message]))).toEqual({ label: 'error_required', choices: 'error_surveys_choices_min' });
		const scale = await addQuestion(db, team, sec.id, { type: 'scale', label: 'Note', min: '1', max: '20' }).catch((e) => e);
		expect((scale as InvalidError).issues).toEqual([{ path: 'max', message: 'error_surveys_scale_max' }]);
		const matrix = await addQuestion(db, team, sec.id, { type: 'matrix', label: 'Grille', rows: '', columns: 'Oui' }).catch((e) => e);
		expect((matrix as InvalidError).issues.map((i) => i.path).sort()).toEqual(['columns', 'rows']);
		expect((await getSurvey(db, team, s.id)).sections[0].questions).toHaveLength(0);
	});

	it('adds questions of every type with their options, reorders and removes them; keys stay unique', async () => {
		const s = await createSurvey(db, team, { title: 'Toutes les questions' });
		const sec = await addSection(db, team, s.id, { title: 'A' });
		const sec2 = await addSection(db, team, s.id, { title: 'B' });
		const a = await addQuestion(db, team, sec.id, { type: 'single', label: 'Secteur', choices: 'Bois\nBâtiment', allowOther: 'on', required: 'on' });
		const b = await addQuestion(db, team, sec.id, { type: 'multiple', label: 'Secteur', choices: 'A\nB\nC', maxChoices: '2' });
		await addQuestion(db, team, sec.id, { type: 'number', label: 'Effectif', min: '0', max: '5000', unit: 'salariés', integer: 'on' });
		await addQuestion(db, team, sec.id, { type: 'short_text', label: 'Nom' });
		await addQuestion(db, team, sec.id, { type: 'matrix', label: 'Grille', rows: 'Un\nDeux', columns: 'Oui\nNon' });
		expect(a.options).toEqual({ choices: [{ key: 'bois', label: 'Bois' }, { key: 'batiment', label: 'Bâtiment' }], allowOther: true });
		expect(a.required).toBe(true);
		expect([a.key, b.key]).toEqual(['secteur', 'secteur-2']);
		await moveQuestion(db, team, b.id, 'up');
		let def = await getSurvey(db, team, s.id);
		expect(def.sections[0].questions.map((q) => q.id).slice(0, 2)).toEqual([b.id, a.id]);
		await moveQuestion(db, team, b.id, 'up'); // past the top of the first section: stays
		const last = def.sections[0].questions.at(-1)!;
		await moveQuestion(db, team, last.id, 'down'); // into the next section
		def = await getSurvey(db, team, s.id);
		expect(def.sections[1].questions.map((q) => q.id)).toEqual([last.id]);
		expect(def.sections[1].id).toBe(sec2.id);
		await removeQuestion(db, team, a.id);
		def = await getSurvey(db, team, s.id);
		expect(def.sections[0].questions.map((q) => q.position)).toEqual([0, 1, 2]);
	});

	it('only the team authors; a sent survey no longer changes its questions', async () => {
		await expect(createSurvey(db, member, { title: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
		const { def } = await sent();
		await expect(addSection(db, team, def.survey.id, { title: 'Plus' })).rejects.toBeInstanceOf(ConflictError);
		const err = await updateSurvey(db, team, def.survey.id, { title: 'Satisfaction 2026', anonymous: 'on', closesAt: def.survey.closesAt!.toISOString() }).catch((e) => e);
		expect((err as InvalidError).issues[0].path).toBe('anonymous');
	});
});

describe('sending', () => {
	it('creates one personal link per contact of the segment and queues their e-mails in their language', async () => {
		const def = await sampleSurvey();
		const seg = await segmentOf(2, 2);
		const en = seg.orgs[0].people[0];
		await db.execute(sql`insert into users (id, name, email, role, locale) values (${crypto.randomUUID()}, 'En', ${en.email}, 'member', 'en')`);
		const r = await sendSurvey(db, team, def.survey.id, { segmentId: seg.segment.id }, ctx);
		expect(r.invited).toBe(4);
		const invitations = await db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, def.survey.id));
		expect(new Set(invitations.map((i) => i.token)).size).toBe(4);
		const [mail] = await mailsTo(en.email!);
		expect(mail.subject).toContain('Satisfaction 2026');
		expect(mail.text).toContain(`${ctx.baseUrl}/survey/${invitations.find((i) => i.email === en.email)!.token}`);
		const [fr] = await mailsTo(seg.orgs[1].people[0].email!);
		expect(fr.text).not.toEqual(mail.text.replace(/survey\/[^\s]+/, ''));
		expect(invitations.find((i) => i.email === en.email)!.locale).toBe('en');
	});

	it('refuses an unknown or empty segment by naming the field', async () => {
		const def = await sampleSurvey();
		const empty = await createSegment(db, team, { name: 'Vide', filter: { tag: 'personne' } });
		const err = await sendSurvey(db, team, def.survey.id, { segmentId: empty.id }, ctx).catch((e) => e);
		expect((err as InvalidError).issues).toEqual([{ path: 'segmentId', message: 'error_surveys_segment_empty' }]);
		const unknown = await sendSurvey(db, team, def.survey.id, { segmentId: '' }, ctx).catch((e) => e);
		expect((unknown as InvalidError).issues[0].path).toBe('segmentId');
	});

	it('for organizations: one link per organization to its main contact, answered once', async () => {
		const { invitations, q, seg } = await sent({ audience: 'organizations' }, 2, 3);
		expect(invitations).toHaveLength(2);
		expect(invitations.map((i) => i.email).sort()).toEqual(seg.orgs.map((o) => o.people[0].email).sort());
		const tok = invitations[0].token;
		// Two colleagues with the same link fill the same response.
		await saveAnswers(db, tok, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'oui' });
		await saveAnswers(db, tok, [q.score.id], { [`q.${q.score.id}`]: '4' });
		await submitResponse(db, tok);
		const responses = await db.select().from(surveyResponses).where(eq(surveyResponses.invitationId, invitations[0].id));
		expect(responses).toHaveLength(1);
		expect(responses[0].organizationId).toBe(invitations[0].organizationId);
		expect(Object.keys((await openInvitation(db, tok)).answers)).toHaveLength(2);
	});
});

describe('answering', () => {
	it('autosaves as typed, keeps the answers when the link is opened again, then submits', async () => {
		const { invitations, q, def } = await sent();
		const tok = invitations[0].token;
		await saveAnswers(db, tok, [q.comment.id], { [`q.${q.comment.id}`]: 'Très bien' });
		await saveAnswers(db, tok, [q.topics.id], { [`q.${q.topics.id}`]: ['recrutement', 'export'] });
		let view = await openInvitation(db, tok);
		expect(view.response?.status).toBe('in_progress');
		expect(view.answers[q.comment.id]).toEqual({ text: 'Très bien' });
		expect(view.answers[q.topics.id]).toEqual({ choices: ['recrutement', 'export'] });
		// Clearing a field erases the answer.
		await saveAnswers(db, tok, [q.topics.id], {});
		expect((await openInvitation(db, tok)).answers[q.topics.id]).toBeUndefined();
		// The required question is named when missing.
		const err = await submitResponse(db, tok).catch((e) => e);
		expect((err as InvalidError).issues).toEqual([{ path: `q.${q.satisfied.id}`, message: 'error_surveys_answer_required' }]);
		const step = await saveAnswers(db, tok, def.sections[0].questions.map((x) => x.id), {}, { checkRequired: true });
		expect(step.issues.map((i) => i.path)).toEqual([`q.${q.satisfied.id}`]);
		await saveAnswers(db, tok, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'oui' }, { checkRequired: true });
		await submitResponse(db, tok);
		view = await openInvitation(db, tok);
		expect(view.response?.status).toBe('submitted');
		expect(view.invitation.completedAt).not.toBeNull();
		// Still changeable until closing, but a required answer cannot be removed.
		const change = await saveAnswers(db, tok, [q.satisfied.id], {});
		expect(change.issues[0].message).toBe('error_surveys_answer_required');
		expect((await openInvitation(db, tok)).answers[q.satisfied.id]).toEqual({ choice: 'oui' });
	});

	it('refuses values a question does not accept and names them', async () => {
		const { invitations, q } = await sent();
		const tok = invitations[0].token;
		const r = await saveAnswers(db, tok, [q.score.id, q.satisfied.id, q.staff.id, q.grid.id], {
			[`q.${q.score.id}`]: '9',
			[`q.${q.satisfied.id}`]: 'peut-etre',
			[`q.${q.staff.id}`]: '2,5',
			[`q.${q.grid.id}.accueil`]: 'bonne'
		});
		expect(Object.fromEntries(r.issues.map((i) => [i.path, i.message]))).toEqual({
			[`q.${q.score.id}`]: 'error_surveys_out_of_range',
			[`q.${q.satisfied.id}`]: 'error_invalid_choice',
			[`q.${q.staff.id}`]: 'error_surveys_integer'
		});
		expect((await openInvitation(db, tok)).answers).toEqual({ [q.grid.id]: { rows: { accueil: 'bonne' } } });
	});

	it('after the closing date the link shows closed and saves nothing', async () => {
		const { invitations, q, def } = await sent();
		await db.execute(sql`update surveys set closes_at = now() - interval '1 minute' where id = ${def.survey.id}`);
		const view = await openInvitation(db, invitations[0].token);
		expect(view.state).toBe('closed');
		await expect(saveAnswers(db, invitations[0].token, [q.comment.id], { [`q.${q.comment.id}`]: 'x' })).rejects.toBeInstanceOf(ConflictError);
		const other = await sent();
		await closeSurvey(db, team, other.def.survey.id);
		expect((await openInvitation(db, other.invitations[0].token)).state).toBe('closed');
	});

	it('anonymous: once submitted, no answer leads back to the invitation, organization or person', async () => {
		const { invitations, q, def } = await sent({ anonymous: 'on' });
		const tok = invitations[0].token;
		await saveAnswers(db, tok, [q.satisfied.id, q.comment.id], { [`q.${q.satisfied.id}`]: 'non', [`q.${q.comment.id}`]: 'Anonyme' });
		await submitResponse(db, tok);
		const responses = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, def.survey.id));
		expect(responses).toHaveLength(1);
		const [r] = responses;
		expect([r.invitationId, r.organizationId, r.personId]).toEqual([null, null, null]);
		expect(r.submittedAt!.toISOString()).toMatch(/T00:00:00\.000Z$/);
		expect(r.attributes.sizeBand).toBe('1_9');
		const answers = await db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, r.id));
		expect(answers.every((a) => a.updatedAt.toISOString().endsWith('T00:00:00.000Z'))).toBe(true);
		// Nothing in any response row of this survey names an invitation.
		const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from survey_responses where survey_id = ${def.survey.id} and invitation_id is not null`);
		expect(Number(n)).toBe(0);
		// The invitation only knows it was completed; the link no longer finds the answers.
		const view = await openInvitation(db, tok);
		expect(view.invitation.completedAt).not.toBeNull();
		// …and only the day it was completed, like the response: no exact time to match them by.
		const [inv] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.id, invitations[0].id));
		expect(inv.completedAt!.toISOString()).toMatch(/T00:00:00\.000Z$/);
		expect(view.submittedAnonymously).toBe(true);
		expect(view.answers).toEqual({});
		await expect(saveAnswers(db, tok, [q.comment.id], { [`q.${q.comment.id}`]: 'again' })).rejects.toBeInstanceOf(ConflictError);
		const list = await listResponses(db, team, def.survey.id);
		expect(list[0]).toMatchObject({ organizationName: null, respondentName: null, respondentEmail: null });
	});
});

describe('invitations list', () => {
	it('gives the team who was invited and how far they got, never the personal link', async () => {
		const { invitations, q, def } = await sent({}, 2);
		await saveAnswers(db, invitations[0].token, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'oui' });
		await submitResponse(db, invitations[0].token);
		const list = await listInvitations(db, team, def.survey.id);
		expect(list).toHaveLength(2);
		for (const row of list) expect(Object.keys(row)).not.toContain('token');
		const tokens = invitations.map((i) => i.token);
		expect(JSON.stringify(list)).not.toMatch(new RegExp(tokens.join('|')));
		expect(list.find((i) => i.id === invitations[0].id)?.completedAt).toBeInstanceOf(Date);
		expect(list.find((i) => i.id === invitations[1].id)).toMatchObject({ email: invitations[1].email, completedAt: null });
	});
});

describe('reminders', () => {
	it('go only to those who have not completed, by the button and by the job before closing', async () => {
		const { invitations, q, def } = await sent({ reminderDaysBefore: '3' }, 3);
		const done = invitations[0];
		await saveAnswers(db, done.token, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'oui' });
		await submitResponse(db, done.token);
		expect(await remindSurvey(db, team, def.survey.id, ctx)).toBe(2);
		expect((await mailsTo(done.email)).length).toBe(1);
		expect((await mailsTo(invitations[1].email)).length).toBe(2);
		const [job] = await db.select().from(jobs).where(sql`${jobs.kind} = ${REMINDER_JOB} and ${jobs.payload}->>'surveyId' = ${def.survey.id}`);
		expect(job.runAt.getTime()).toBeCloseTo(def.survey.closesAt!.getTime() - 3 * DAY, -4);
		const handler = surveyReminderJobHandler(ctx.baseUrl);
		expect(await handler(job, db)).toEqual({ sent: 2 });
		expect(await handler(job, db)).toEqual({ sent: 0, skipped: 'changed' });
		expect((await mailsTo(done.email)).length).toBe(1);
		expect((await mailsTo(invitations[2].email)).length).toBe(3);
	});

	it('the automatic reminder is claimed with its mails: a failed run leaves it to the retry', async () => {
		const { invitations, q, def } = await sent({ reminderDaysBefore: '3', anonymous: 'on' }, 2);
		await saveAnswers(db, invitations[0].token, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'oui' });
		await submitResponse(db, invitations[0].token);
		const [job] = await db.select().from(jobs).where(sql`${jobs.kind} = ${REMINDER_JOB} and ${jobs.payload}->>'surveyId' = ${def.survey.id}`);
		const handler = surveyReminderJobHandler(ctx.baseUrl);
		// Queueing the mails fails once (a trigger refuses this survey's reminder mail).
		const to = invitations[1].email;
		await db.execute(sql.raw(`create or replace function survey_test_refuse_mail() returns trigger language plpgsql as $$ begin if new.payload->>'to' = '${to}' then raise exception 'mail queue down'; end if; return new; end $$`));
		await db.execute(sql.raw(`create trigger survey_test_refuse_mail before insert on jobs for each row execute function survey_test_refuse_mail()`));
		try {
			await expect(handler(job, db)).rejects.toThrow();
		} finally {
			await db.execute(sql.raw(`drop trigger survey_test_refuse_mail on jobs`));
			await db.execute(sql.raw(`drop function survey_test_refuse_mail()`));
		}
		expect((await mailsTo(to)).length).toBe(1);
		// The retry sends it, once; the anonymous respondent who completed is not reminded.
		expect(await handler(job, db)).toEqual({ sent: 1 });
		expect(await handler(job, db)).toEqual({ sent: 0, skipped: 'changed' });
		expect((await mailsTo(to)).length).toBe(2);
		expect((await mailsTo(invitations[0].email)).length).toBe(1);
	});
});

describe('results and exports', () => {
	async function answered() {
		const s = await sent({}, 4);
		const { invitations, q } = s;
		const answers = [
			{ sat: 'oui', score: '5', topics: ['recrutement', 'export'], grid: { accueil: 'bonne', contenu: 'moyenne' }, staff: '12', comment: '<script>alert("x")</script> <b>gras</b>' },
			{ sat: 'oui', score: '4', topics: ['recrutement'], grid: { accueil: 'bonne', contenu: 'bonne' }, staff: '8', comment: '=HYPERLINK("http://evil")' },
			{ sat: 'non', score: '2', topics: [], grid: { accueil: 'mauvaise' }, staff: '', comment: '' }
		];
		for (let i = 0; i < answers.length; i++) {
			const a = answers[i];
			const tok = invitations[i].token;
			await saveAnswers(db, tok, Object.values(q).map((x) => x.id), {
				[`q.${q.satisfied.id}`]: a.sat,
				[`q.${q.score.id}`]: a.score,
				[`q.${q.topics.id}`]: a.topics,
				[`q.${q.staff.id}`]: a.staff,
				[`q.${q.comment.id}`]: a.comment,
				...Object.fromEntries(Object.entries(a.grid).map(([k, v]) => [`q.${q.grid.id}.${k}`, v]))
			});
			await submitResponse(db, tok);
		}
		// A fourth person started but did not submit: not counted.
		await saveAnswers(db, invitations[3].token, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'non' });
		return s;
	}

	it('counts, percentages, averages and the response rate, over submitted responses only', async () => {
		const { def, q } = await answered();
		const r = await computeResults(db, team, def.survey.id);
		expect(r.responses).toBe(3);
		expect([r.invited, r.completed, r.responseRate]).toEqual([4, 3, 75]);
		const by = Object.fromEntries(r.questions.map((x) => [x.question.key, x]));
		expect(by.satisfied).toMatchObject({ kind: 'choices', answered: 3, counts: [{ key: 'oui', count: 2, percent: 66.7 }, { key: 'non', count: 1, percent: 33.3 }] });
		expect(by.score).toMatchObject({ kind: 'scale', answered: 3, average: 3.67 });
		expect(by.topics).toMatchObject({ answered: 2, counts: [{ key: 'recrutement', count: 2, percent: 100 }, { key: 'formation', count: 0 }, { key: 'export', count: 1, percent: 50 }] });
		expect(by.staff).toMatchObject({ kind: 'number', answered: 2, average: 10, median: 10, min: 8, max: 12 });
		expect(by.grid.kind === 'matrix' && by.grid.rows.map((row) => [row.key, row.answered, row.counts.map((c) => c.count)])).toEqual([
			['accueil', 3, [2, 0, 1]],
			['contenu', 2, [1, 1, 0]]
		]);
		expect(by.comment.kind === 'text' && [...by.comment.texts].sort()).toEqual(['<script>alert("x")</script> <b>gras</b>', '=HYPERLINK("http://evil")']);
		// Filters on the captured attributes.
		expect((await computeResults(db, team, def.survey.id, { sizeBand: '250_plus' })).responses).toBe(0);
		const small = await computeResults(db, team, def.survey.id, { sizeBand: '1_9' });
		expect(small.responses).toBe(3);
		expect(small.withheld).toBe(false);
		expect(small.questions.find((x) => x.question.id === q.satisfied.id)).toMatchObject({ answered: 3 });
	});

	it('anonymous: a filter leaving fewer than 5 responses shows no figures (nor exports them)', async () => {
		const { def, invitations, q } = await sent({ anonymous: 'on' }, 6);
		for (const inv of invitations) {
			await saveAnswers(db, inv.token, [q.satisfied.id], { [`q.${q.satisfied.id}`]: 'oui' });
			await submitResponse(db, inv.token);
		}
		// Two of the six responses come from a larger size band (set on their captured attributes).
		const rows = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, def.survey.id));
		for (const r of rows.slice(0, 2)) await db.update(surveyResponses).set({ attributes: { ...r.attributes, sizeBand: '10_49' } }).where(eq(surveyResponses.id, r.id));
		const all = await computeResults(db, team, def.survey.id);
		expect([all.responses, all.withheld]).toEqual([6, false]);
		const few = await computeResults(db, team, def.survey.id, { sizeBand: '10_49' });
		expect(few.withheld).toBe(true);
		expect(few.responses).toBe(0);
		expect(few.questions).toEqual([]);
		await expect(listResponses(db, team, def.survey.id, { sizeBand: '10_49' })).rejects.toBeInstanceOf(ConflictError);
		// Four in 1_9: still fewer than 5.
		expect((await computeResults(db, team, def.survey.id, { sizeBand: '1_9' })).withheld).toBe(true);
		// Without a filter: every response, as usual.
		expect((await listResponses(db, team, def.survey.id)).length).toBe(6);
	});

	it('exports one row per response as CSV for French Excel and XLSX, text kept as text, formulas defused', async () => {
		const { def } = await answered();
		const csv = await exportResponses(db, team, def.survey.id, 'csv');
		const buf = csv.body;
		expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = buf.toString('utf8').slice(1).trim().split('\r\n');
		expect(lines).toHaveLength(4);
		const header = lines[0].split(';');
		expect(header).toContain('Qualité — Accueil');
		expect(header).toContain('Qualité — Contenu');
		expect(lines[1]).toContain('Recrutement ; Export');
		expect(lines[1]).toContain('<script>alert(""x"")</script> <b>gras</b>');
		expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(lines[1].split(';')[0]).toBe('1');
		const xlsx = await exportResponses(db, team, def.survey.id, 'xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx.body as never);
		const ws = wb.worksheets[0];
		expect(ws.rowCount).toBe(4);
		const heads = (ws.getRow(1).values as unknown[]).slice(1);
		const commentCol = heads.indexOf('Commentaire') + 1;
		expect(ws.getRow(2).getCell(commentCol).value).toBe('<script>alert("x")</script> <b>gras</b>');
		expect(ws.getRow(3).getCell(commentCol).value).toBe(`'=HYPERLINK("http://evil")`);
		expect(ws.getRow(3).getCell(commentCol).formula).toBeUndefined();
		const staffCol = heads.indexOf('Nombre de salariés') + 1;
		expect(ws.getRow(2).getCell(staffCol).value).toBe(12);
		await expect(exportResponses(db, member, def.survey.id, 'csv')).rejects.toBeInstanceOf(ForbiddenError);
	});
});
