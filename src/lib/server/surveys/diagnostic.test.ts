// HR diagnostics and action plans on a real engine: exact scores per dimension and levels, the actions
// proposed for weak dimensions, the plan built and edited by the team, what the member may see and do,
// overdue actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import { makeMemberUser, makeOrganization, makePerson, makeTeamUser } from '../testing/factories';
import { actionPlanItems, surveyQuestions } from './schema';
import type { QuestionRow } from './service';
import { getDiagnostic, levelOf, listDiagnostics, proposeActions, saveDiagnosticAnswers, scoreAnswer, scoreDimensions, scoresChart, startDiagnostic } from './diagnostic';
import { addItem, createPlanFromDiagnostic, getPlan, listPlans, moveItem, ownerChoices, removeItem, setItemStatus, updateItem } from './action-plans';
import { parisToday } from '../dates';

let database: Database;
let db: Db;
let team: Actor;
let teamUserId: string;
let orgA: { id: string; name: string };
let orgB: { id: string; name: string };
let memberA: Actor;
let memberA2: Actor;
let memberB: Actor;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	const t = await makeTeamUser(db);
	team = t.actor;
	teamUserId = t.user.id;
	orgA = await makeOrganization(db, { name: 'Menuiserie Dubois' });
	orgB = await makeOrganization(db, { name: 'Charpentes Martin' });
	memberA = (await makeMemberUser(db, orgA.id)).actor;
	memberA2 = (await makeMemberUser(db, orgA.id)).actor;
	memberB = (await makeMemberUser(db, orgB.id)).actor;
});
afterAll(async () => database?.close());

const q = (over: Partial<QuestionRow>): QuestionRow => ({ id: 'q', type: 'single', options: {}, scoring: null, ...over }) as QuestionRow;

describe('scoring', () => {
	it('scores each question type from its points, and a dimension as a percentage of the maximum', () => {
		const single = q({ id: 's', scoring: { dimension: 'd', points: { no: 0, informal: 1, formal: 2, reviewed: 3 } } });
		expect(scoreAnswer(single, { choice: 'formal' })).toEqual({ points: 2, max: 3 });
		const multiple = q({ id: 'm', type: 'multiple', scoring: { dimension: 'd', points: { a: 0, b: 1, c: 1, e: 2 } } });
		expect(scoreAnswer(multiple, { choices: ['a', 'b', 'e'] })).toEqual({ points: 3, max: 4 });
		const scale = q({ id: 'sc', type: 'scale', options: { min: 1, max: 5 }, scoring: { dimension: 'd' } });
		expect(scoreAnswer(scale, { number: 4 })).toEqual({ points: 3, max: 4 });
		const weighted = q({ id: 'w', scoring: { dimension: 'd', points: { y: 1, n: 0 }, weight: 2 } });
		expect(scoreAnswer(weighted, { choice: 'y' })).toEqual({ points: 2, max: 2 });
		const matrix = q({ id: 'x', type: 'matrix', options: { rows: [{ key: 'r1', label: 'R1' }, { key: 'r2', label: 'R2' }], columns: [] }, scoring: { dimension: 'e', points: { bad: 0, ok: 1, good: 2 } } });
		expect(scoreAnswer(matrix, { rows: { r1: 'good', r2: 'ok' } })).toEqual({ points: 3, max: 4 });
		expect(scoreAnswer(single, undefined)).toBeNull();
		const dims = [
			{ key: 'd', label: 'D', thresholds: { medium: 40, good: 70 } },
			{ key: 'e', label: 'E' },
			{ key: 'f', label: 'F' }
		];
		const scores = scoreDimensions(dims, [single, multiple, scale, weighted, matrix], { s: { choice: 'formal' }, m: { choices: ['a', 'b', 'e'] }, sc: { number: 4 }, w: { choice: 'n' }, x: { rows: { r1: 'bad' } } });
		// d: (2 + 3 + 3 + 0) / (3 + 4 + 4 + 2) = 8 / 13 = 61.5 % → 62, medium; e: 0 / 2 → low; f: nothing → null.
		expect(scores.map((s) => [s.key, s.points, s.max, s.percent, s.level, s.answered])).toEqual([
			['d', 8, 13, 62, 'medium', 4],
			['e', 0, 2, 0, 'low', 1],
			['f', 0, 0, null, null, 0]
		]);
	});

	it('puts a percentage in a level by the thresholds', () => {
		expect(levelOf(39)).toBe('low');
		expect(levelOf(40)).toBe('medium');
		expect(levelOf(69)).toBe('medium');
		expect(levelOf(70)).toBe('good');
		expect(levelOf(79, { medium: 50, good: 80 })).toBe('medium');
		expect(levelOf(null)).toBeNull();
	});

	it('proposes the recommendations of weak dimensions, weakest first, none for a good one', () => {
		const dims = [
			{ key: 'a', label: 'A', recommendations: { low: [{ title: 'A-low', detail: '' }], medium: [{ title: 'A-med', detail: '' }] } },
			{ key: 'b', label: 'B', recommendations: { low: [{ title: 'B-low1', detail: '' }, { title: 'B-low2', detail: '' }], medium: [{ title: 'B-med', detail: '' }] } },
			{ key: 'c', label: 'C', recommendations: { low: [{ title: 'C-low', detail: '' }], medium: [] } }
		];
		const p = proposeActions(dims, [
			{ key: 'a', label: 'A', points: 5, max: 10, percent: 50, level: 'medium', answered: 1, questions: 1 },
			{ key: 'b', label: 'B', points: 1, max: 10, percent: 10, level: 'low', answered: 1, questions: 1 },
			{ key: 'c', label: 'C', points: 9, max: 10, percent: 90, level: 'good', answered: 1, questions: 1 }
		]);
		expect(p.map((x) => [x.id, x.title])).toEqual([
			['b:low:0', 'B-low1'],
			['b:low:1', 'B-low2'],
			['a:medium:0', 'A-med']
		]);
	});
});

/** Answers every scored question of the diagnostic: maturity questions by dimension, the rest fixed. */
async function answerAll(surveyId: string, byDimension: Record<string, string>, actor = team, submit = true) {
	const qs = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId));
	const raw: Record<string, string | string[]> = {};
	for (const x of qs) {
		if (x.key === 'rec-channels') raw[`q.${x.id}`] = ['network', 'cluster'];
		else if (x.key === 'wc-climate') raw[`q.${x.id}`] = '4';
		else if (x.key === 'adm-resource') raw[`q.${x.id}`] = 'hr';
		else if (x.type === 'single') raw[`q.${x.id}`] = byDimension[x.scoring!.dimension];
		else if (x.key === 'priorities') raw[`q.${x.id}`] = '<script>alert(1)</script> Recruter un chef d’équipe';
	}
	return saveDiagnosticAnswers(db, actor, surveyId, raw, { submit });
}

describe('HR diagnostic and action plan', () => {
	let surveyId: string;
	let planId: string;

	it('runs a diagnostic for a member: scores per dimension, levels and proposed actions', async () => {
		await expect(startDiagnostic(db, memberA, { organizationId: orgA.id })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(startDiagnostic(db, team, { organizationId: 'nope' })).rejects.toMatchObject({ issues: [{ path: 'organizationId', message: 'error_diagnostics_organization' }] });
		({ surveyId } = await startDiagnostic(db, team, { organizationId: orgA.id, locale: 'fr' }));
		const empty = await getDiagnostic(db, team, surveyId);
		expect(empty.organization.name).toBe('Menuiserie Dubois');
		expect(empty.definition.survey.title).toBe('Diagnostic RH — Menuiserie Dubois');
		expect(empty.scores.every((s) => s.percent === null)).toBe(true);
		expect(empty.proposals).toEqual([]);
		// Submitting with required answers missing names them, and saves nothing.
		const qs = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId));
		const first = qs.find((x) => x.key === 'rec-planning')!;
		await expect(saveDiagnosticAnswers(db, team, surveyId, { [`q.${first.id}`]: 'formal' }, { submit: true })).rejects.toMatchObject({ issues: expect.arrayContaining([{ path: `q.${qs.find((x) => x.key === 'onb-path')!.id}`, message: 'error_surveys_answer_required' }]) });
		await expect(saveDiagnosticAnswers(db, team, surveyId, { [`q.${first.id}`]: 'bogus' })).rejects.toMatchObject({ issues: [{ path: `q.${first.id}`, message: 'error_invalid_choice' }] });
		expect((await getDiagnostic(db, team, surveyId)).answers).toEqual({});
		// Another organization's member may not answer it.
		await expect(answerAll(surveyId, {}, memberB, false)).rejects.toBeInstanceOf(ForbiddenError);

		await answerAll(surveyId, { recruitment: 'informal', onboarding: 'no', skills: 'formal', 'employer-brand': 'reviewed', 'working-conditions': 'informal', management: 'formal', 'hr-admin': 'no' });
		const d = await getDiagnostic(db, team, surveyId);
		expect(d.response.status).toBe('submitted');
		expect(d.definition.survey.status).toBe('closed');
		const s = Object.fromEntries(d.scores.map((x) => [x.key, [x.points, x.max, x.percent, x.level]]));
		// recruitment: 1 + 1 (planning, descriptions: informal) + 1 (channels: network 0 + cluster 1) over 3 + 3 + 4 = 3/10.
		expect(s['recruitment']).toEqual([3, 10, 30, 'low']);
		expect(s['onboarding']).toEqual([0, 6, 0, 'low']);
		expect(s['skills']).toEqual([4, 6, 67, 'medium']);
		expect(s['employer-brand']).toEqual([6, 6, 100, 'good']);
		// working conditions: risks informal 1 + climate 4 → 3 points = 4 over 6: 67 %, thresholds 45/75.
		expect(s['working-conditions']).toEqual([4, 6, 67, 'medium']);
		expect(s['management']).toEqual([4, 6, 67, 'medium']);
		// hr-admin: obligations no 0 + HR manager 3 = 3/6 = 50 %, thresholds 50/80 → medium.
		expect(s['hr-admin']).toEqual([3, 6, 50, 'medium']);
		expect(d.proposals[0].dimension).toBe('onboarding');
		expect(d.proposals.map((p) => p.dimension)).not.toContain('employer-brand');
		expect(d.proposals.filter((p) => p.dimension === 'recruitment').map((p) => p.level)).toEqual(['low', 'low']);
		expect(scoresChart(d.scores, 'Score')).toContain('<svg');
		// The member reads its own diagnostic; another organization does not find it.
		expect((await getDiagnostic(db, memberA, surveyId)).scores).toEqual(d.scores);
		await expect(getDiagnostic(db, memberB, surveyId)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listDiagnostics(db, memberB)).map((x) => x.surveyId)).not.toContain(surveyId);
		expect((await listDiagnostics(db, memberA)).map((x) => x.surveyId)).toEqual([surveyId]);
		expect((await listDiagnostics(db, team)).find((x) => x.surveyId === surveyId)?.organizationName).toBe('Menuiserie Dubois');
		// A submitted diagnostic is the team's to correct, not the member's.
		await expect(answerAll(surveyId, {}, memberA, false)).rejects.toMatchObject({ messageKey: 'error_diagnostics_submitted' });
	});

	it('builds the action plan from the proposals the animateur keeps, then edits, reorders and follows it', async () => {
		const d = await getDiagnostic(db, team, surveyId);
		const kept = d.proposals.filter((p) => p.dimension === 'onboarding').map((p) => p.id);
		expect(kept.length).toBe(2);
		await expect(createPlanFromDiagnostic(db, memberA, surveyId, { actions: kept })).rejects.toBeInstanceOf(ForbiddenError);
		const plan = await createPlanFromDiagnostic(db, team, surveyId, { actions: kept });
		planId = plan.id;
		expect(plan.organizationId).toBe(orgA.id);
		let view = await getPlan(db, team, planId);
		expect(view.items.map((i) => [i.title, i.dimension, i.status])).toEqual([
			['Mettre en place un parcours d’accueil', 'onboarding', 'todo'],
			['Former un tuteur', 'onboarding', 'todo']
		]);
		// Owners: a team member, a contact of the organization (by name), an account of the organization, or free text.
		const contact = await makePerson(db, orgA.id, { firstName: 'Julie', lastName: 'Roux' });
		const outsider = await makePerson(db, orgB.id);
		const choices = await ownerChoices(db, team, planId);
		expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining([`user:${teamUserId}`, `person:${contact.id}`, `user:${memberA.id}`]));
		expect(choices.map((c) => c.value)).not.toContain(`user:${memberB.id}`);
		await expect(addItem(db, team, planId, { title: 'X', owner: `person:${outsider.id}` })).rejects.toMatchObject({ issues: [{ path: 'owner', message: 'error_diagnostics_owner' }] });
		await expect(addItem(db, team, planId, { title: 'X', owner: `user:${memberB.id}` })).rejects.toMatchObject({ issues: [{ path: 'owner' }] });
		await expect(addItem(db, team, planId, { title: '', dueDate: '2026-02-30' })).rejects.toMatchObject({ issues: [{ path: 'title', message: 'error_required' }, { path: 'dueDate', message: 'error_date' }] });
		await expect(addItem(db, memberA, planId, { title: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
		const a = await addItem(db, team, planId, { title: 'Rédiger le livret d’accueil', owner: `person:${contact.id}`, dueDate: '2020-01-15', dimension: 'onboarding' });
		expect(a.ownerName).toBe('Julie Roux');
		const b = await addItem(db, team, planId, { title: 'Entretiens professionnels', owner: `user:${memberA.id}`, dueDate: '2099-06-30' });
		await addItem(db, team, planId, { title: 'Point à 6 mois', ownerName: 'Cabinet RH Conseil', dueDate: '2000-01-01', status: 'done' });
		view = await getPlan(db, team, planId);
		expect(view.total).toBe(5);
		expect(view.done).toBe(1);
		// Overdue: due date passed and not done (the done one from 2000 is not).
		expect(view.items.filter((i) => i.overdue).map((i) => i.title)).toEqual(['Rédiger le livret d’accueil']);
		expect(view.overdue).toBe(1);
		expect(view.items.find((i) => i.id === b.id)?.ownerLabel).toMatch(/^Louis Bernard/);
		// Edit and reorder.
		await updateItem(db, team, a.id, { title: 'Rédiger et diffuser le livret d’accueil', owner: `user:${teamUserId}`, dueDate: parisToday(), status: 'doing' });
		await moveItem(db, team, a.id, 'up');
		await moveItem(db, team, a.id, 'up');
		view = await getPlan(db, team, planId);
		expect(view.items.map((i) => i.title).slice(0, 3)).toEqual(['Rédiger et diffuser le livret d’accueil', 'Mettre en place un parcours d’accueil', 'Former un tuteur']);
		expect(view.items[0]).toMatchObject({ status: 'doing', ownerUserId: teamUserId, ownerName: null, overdue: false });
		// Already first: stays first.
		await moveItem(db, team, a.id, 'up');
		expect((await getPlan(db, team, planId)).items[0].id).toBe(a.id);
		await moveItem(db, team, a.id, 'down');
		expect((await getPlan(db, team, planId)).items.map((i) => i.id).slice(0, 2)).toEqual([view.items[1].id, a.id]);
		await removeItem(db, team, view.items[0].id);
		const positions = (await db.select().from(actionPlanItems).where(eq(actionPlanItems.planId, planId))).map((i) => i.position).sort();
		expect(positions).toEqual([0, 1, 2, 3]);
	});

	it('lets the member read its own plan and set the status of its own actions only; never another organization’s plan', async () => {
		const view = await getPlan(db, memberA, planId);
		expect(view.canEdit).toBe(false);
		const mine = view.items.find((i) => i.ownerUserId === memberA.id)!;
		const notMine = view.items.find((i) => i.ownerUserId !== memberA.id)!;
		expect(mine.canSetStatus).toBe(true);
		expect(notMine.canSetStatus).toBe(false);
		await setItemStatus(db, memberA, mine.id, 'done');
		expect((await getPlan(db, team, planId)).items.find((i) => i.id === mine.id)).toMatchObject({ status: 'done' });
		await expect(setItemStatus(db, memberA, notMine.id, 'done')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(setItemStatus(db, memberA2, mine.id, 'todo')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(setItemStatus(db, memberA, mine.id, 'finished')).rejects.toBeInstanceOf(InvalidError);
		await expect(updateItem(db, memberA, mine.id, { title: 'Autre' })).rejects.toBeInstanceOf(ForbiddenError);
		// Another organization: neither the plan nor its actions.
		await expect(getPlan(db, memberB, planId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(setItemStatus(db, memberB, mine.id, 'todo')).rejects.toBeInstanceOf(NotFoundError);
		expect(await listPlans(db, memberB)).toEqual([]);
		const own = await listPlans(db, memberA);
		expect(own.map((p) => p.id)).toEqual([planId]);
		const all = await listPlans(db, team);
		expect(all.find((p) => p.id === planId)).toMatchObject({ organizationName: 'Menuiserie Dubois', total: 4, done: 2, overdue: 0 });
		expect((await getDiagnostic(db, memberA, surveyId)).planId).toBe(planId);
	});
});
