// The demo's recruitment-needs barometer (2025 closed, 2026 open, 25 member companies answering each,
// carpenters harder to hire in 2026) and one HR diagnostic of the demo member account's company with its
// action plan (two actions done, one overdue). Series, editions, the diagnostic and the plan go through
// the services; the barometer's answers are written as submitted responses of the member companies.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import type { Actor } from '../auth/actor';
import { Random } from './random';
import { createBarometer, startNextEdition } from '../surveys/barometer';
import { saveDiagnosticAnswers, startDiagnostic, getDiagnostic } from '../surveys/diagnostic';
import { addItem, createPlanFromDiagnostic, getPlan, updateItem, updatePlan } from '../surveys/action-plans';
import { surveyAnswers, surveyQuestions, surveyResponses, surveys, type AnswerValue } from '../surveys/schema';
import type { QuestionRow } from '../surveys/service';
import { parisToday } from '../dates';

const DAY = 86_400_000;
const newId = () => crypto.randomUUID();

/** Per edition: how likely each trade is named hard to fill, and its share of "serious difficulty". */
const TRADE_PROFILE: Record<string, [hard2025: number, hard2026: number, strong2025: number, strong2026: number]> = {
	charpentier: [0.34, 0.62, 0.3, 0.58],
	menuisier: [0.46, 0.42, 0.4, 0.36],
	couvreur: [0.3, 0.36, 0.32, 0.38],
	'conducteur-ligne-sciage': [0.14, 0.18, 0.2, 0.24],
	'technicien-bureau-etudes': [0.22, 0.26, 0.26, 0.3],
	agenceur: [0.12, 0.1, 0.14, 0.12],
	ebeniste: [0.08, 0.06, 0.1, 0.08],
	'commercial-materiaux': [0.1, 0.12, 0.12, 0.14]
};

const COMMENTS = [
	'Nous cherchons un charpentier confirmé depuis huit mois, sans succès.',
	'Les jeunes sortis de CAP partent vers les grandes entreprises de la métropole.',
	'Un job dating dédié aux métiers du bois serait utile au printemps.',
	'Le logement des alternants reste un frein en zone rurale.',
	'Intéressés par un poste de technicien bureau d’études partagé.',
	'Besoin de former deux chefs d’équipe à l’encadrement de chantier.'
];

type Answers = Record<string, AnswerValue>;

function barometerAnswers(rng: Random, year: 2025 | 2026, q: Record<string, QuestionRow>): Answers {
	const y = year === 2026 ? 1 : 0;
	const a: Answers = {};
	const headcount = rng.weighted([[rng.int(1, 9), 5], [rng.int(10, 49), 4], [rng.int(50, 180), 1]] as const);
	a['headcount'] = { number: headcount };
	a['activity-outlook'] = { choice: rng.weighted(y ? ([['growth', 9], ['stable', 11], ['decline', 3], ['unknown', 2]] as const) : ([['growth', 7], ['stable', 12], ['decline', 4], ['unknown', 2]] as const)) };
	const intent = rng.weighted(y ? ([['yes-certain', 10], ['yes-probable', 7], ['no', 5], ['unknown', 3]] as const) : ([['yes-certain', 7], ['yes-probable', 7], ['no', 8], ['unknown', 3]] as const));
	a['hiring-intention'] = { choice: intent };
	const hiring = intent === 'yes-certain' || intent === 'yes-probable';
	if (hiring) {
		a['hires-planned'] = { number: Math.max(1, Math.round(rng.int(1, headcount > 40 ? 6 : 3) + (y ? rng.int(0, 1) : 0))) };
		const contracts = ['cdi', 'cdd', 'apprenticeship', 'temp', 'seasonal', 'shared', 'internship'].filter((k) =>
			rng.chance({ cdi: 0.72, cdd: 0.3, apprenticeship: y ? 0.56 : 0.44, temp: 0.26, seasonal: 0.06, shared: y ? 0.14 : 0.06, internship: 0.12 }[k]!)
		);
		a['contract-types'] = { choices: contracts.length ? contracts : ['cdi'] };
		const reasons = ['growth', 'retirement', 'turnover', 'new-skills', 'diversification'].filter((k) => rng.chance({ growth: y ? 0.5 : 0.4, retirement: y ? 0.42 : 0.36, turnover: 0.3, 'new-skills': 0.22, diversification: 0.12 }[k]!));
		a['hiring-reasons'] = { choices: reasons.length ? reasons : ['growth'] };
	} else a['hires-planned'] = { number: 0 };
	const trades = (q['hard-to-fill-trades']?.options.choices ?? []).map((c) => c.key);
	const hard = trades.filter((k) => rng.chance(TRADE_PROFILE[k]?.[y] ?? 0.1)).slice(0, 3);
	if (hard.length) a['hard-to-fill-trades'] = { choices: hard };
	const rows: Record<string, string> = {};
	for (const k of trades) {
		const p = TRADE_PROFILE[k] ?? [0.1, 0.1, 0.15, 0.15];
		// Only trades the company employs are rated (about half of them).
		if (!rng.chance(k === 'charpentier' || k === 'menuisier' ? 0.75 : 0.45)) {
			rows[k] = 'no-need';
			continue;
		}
		const strong = p[2 + y];
		rows[k] = rng.float() < strong ? 'strong' : rng.chance(0.55) ? 'moderate' : 'none';
	}
	if (Object.keys(rows).length) a['difficulty-by-trade'] = { rows };
	if (hard.length) {
		const reasons = ['few-candidates', 'skills-gap', 'experience', 'working-conditions', 'pay', 'image', 'mobility', 'competition'].filter((k) =>
			rng.chance({ 'few-candidates': y ? 0.72 : 0.62, 'skills-gap': 0.44, experience: 0.3, 'working-conditions': 0.26, pay: y ? 0.3 : 0.22, image: 0.28, mobility: 0.2, competition: 0.16 }[k]!)
		);
		a['difficulty-reasons'] = { choices: reasons.length ? reasons : ['few-candidates'] };
		a['time-to-hire'] = { choice: rng.weighted(y ? ([['lt1', 2], ['1-3', 7], ['3-6', 8], ['gt6', 5], ['abandoned', 3]] as const) : ([['lt1', 3], ['1-3', 9], ['3-6', 7], ['gt6', 3], ['abandoned', 2]] as const)) };
	}
	const app = rng.weighted(y ? ([['yes', 11], ['maybe', 8], ['no', 6]] as const) : ([['yes', 8], ['maybe', 8], ['no', 9]] as const));
	a['apprenticeship-intention'] = { choice: app };
	if (app === 'yes') a['apprentices-planned'] = { number: rng.int(1, 2) };
	const skills = ['digital-design', 'cnc', 'timber-construction', 'energy-renovation', 'management', 'sales', 'safety', 'maintenance'].filter((k) =>
		rng.chance({ 'digital-design': y ? 0.42 : 0.34, cnc: 0.3, 'timber-construction': 0.36, 'energy-renovation': y ? 0.4 : 0.3, management: 0.28, sales: 0.16, safety: 0.2, maintenance: 0.14 }[k]!)
	);
	if (skills.length) a['skills-needs'] = { choices: skills };
	const support = ['job-dating', 'talent-pool', 'schools', 'collective-training', 'employer-group', 'hr-diagnostic'].filter((k) => rng.chance({ 'job-dating': 0.46, 'talent-pool': 0.4, schools: 0.34, 'collective-training': 0.3, 'employer-group': y ? 0.2 : 0.12, 'hr-diagnostic': 0.16 }[k]!));
	if (support.length) a['cluster-support'] = { choices: support };
	if (rng.chance(0.2)) a['comments'] = { text: rng.pick(COMMENTS) };
	return a;
}

/** Writes the answers of the companies as submitted responses of an edition. */
async function answerEdition(db: Db, surveyId: string, orgs: { id: string; size_band: string | null; departement_code: string | null; status: string }[], year: 2025 | 2026, rng: Random, submittedBase: number) {
	const questions = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId));
	const byKey = Object.fromEntries(questions.map((q) => [q.key, q]));
	for (let i = 0; i < orgs.length; i++) {
		const o = orgs[i];
		const at = new Date(submittedBase + i * 0.6 * DAY);
		const id = newId();
		await db.insert(surveyResponses).values({
			id,
			surveyId,
			organizationId: o.id,
			attributes: { sizeBand: o.size_band, departementCode: o.departement_code, organizationStatus: o.status },
			status: 'submitted',
			startedAt: at,
			updatedAt: at,
			submittedAt: at
		});
		const rows = Object.entries(barometerAnswers(rng, year, byKey))
			.filter(([k]) => byKey[k])
			.map(([k, value]) => ({ id: newId(), responseId: id, questionId: byKey[k].id, value, updatedAt: at }));
		if (rows.length) await db.insert(surveyAnswers).values(rows);
	}
}

export async function seedDemoDiagnostics(db: Db, actor: Actor): Promise<{ responses: number; planId: string | null }> {
	const rng = new Random(9009);
	const members = await queryRows<{ id: string; size_band: string | null; departement_code: string | null; status: string }>(
		db,
		sql`select id, size_band, departement_code, status from organizations where status = 'member' order by name`
	);
	if (members.length === 0) return { responses: 0, planId: null };

	// The barometer: 2025 closed last winter, 2026 open now, both answered by 25 member companies.
	const { series, edition: e2025 } = await createBarometer(db, actor, { title: 'Baromètre des besoins en recrutement', locale: 'fr', editionYear: 2025 });
	const e2026 = await startNextEdition(db, actor, series.id, { editionYear: 2026 });
	const now = Date.now();
	await db.update(surveys).set({ status: 'closed', sentAt: new Date(now - 330 * DAY), closedAt: new Date(now - 290 * DAY) }).where(eq(surveys.id, e2025.survey.id));
	await db.update(surveys).set({ status: 'open', sentAt: new Date(now - 20 * DAY), closesAt: new Date(now + 25 * DAY) }).where(eq(surveys.id, e2026.survey.id));
	const n = Math.min(25, members.length);
	await answerEdition(db, e2025.survey.id, rng.sample(members, n), 2025, rng, now - 328 * DAY);
	await answerEdition(db, e2026.survey.id, rng.sample(members, n), 2026, rng, now - 18 * DAY);

	// The HR diagnostic of the demo member account's company, with its plan.
	const [memberUser] = await queryRows<{ id: string; organization_id: string | null }>(db, sql`select id, organization_id from users where email = 'member@grappe.localhost'`);
	const [teamUser] = await queryRows<{ id: string }>(db, sql`select id from users where email = 'team@grappe.localhost'`);
	const orgId = memberUser?.organization_id ?? members[0].id;
	const { surveyId } = await startDiagnostic(db, actor, { organizationId: orgId, locale: 'fr' });
	const qs = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId));
	const level: Record<string, string> = { recruitment: 'informal', onboarding: 'no', skills: 'informal', 'employer-brand': 'formal', 'working-conditions': 'formal', management: 'informal', 'hr-admin': 'formal' };
	const raw: Record<string, string | string[]> = {};
	for (const q of qs) {
		if (q.key === 'rec-channels') raw[`q.${q.id}`] = ['network', 'job-boards'];
		else if (q.key === 'wc-climate') raw[`q.${q.id}`] = '4';
		else if (q.key === 'adm-resource') raw[`q.${q.id}`] = 'manager';
		else if (q.key === 'ski-plan') raw[`q.${q.id}`] = 'no';
		else if (q.key === 'priorities') raw[`q.${q.id}`] = 'Recruter un charpentier confirmé et mieux accueillir nos deux apprentis de septembre.';
		else if (q.type === 'single' && q.scoring) raw[`q.${q.id}`] = level[q.scoring.dimension];
	}
	await saveDiagnosticAnswers(db, actor, surveyId, raw, { submit: true });
	const submittedAt = new Date(now - 75 * DAY);
	await db.update(surveyResponses).set({ startedAt: submittedAt, submittedAt, updatedAt: submittedAt, enteredBy: teamUser?.id ?? null }).where(eq(surveyResponses.surveyId, surveyId));
	const d = await getDiagnostic(db, actor, surveyId);
	const kept = d.proposals.filter((p) => p.dimension === 'onboarding' || p.dimension === 'skills' || (p.dimension === 'recruitment' && p.id.endsWith(':0'))).map((p) => p.id);
	const plan = await createPlanFromDiagnostic(db, actor, surveyId, { actions: kept, title: 'Plan d’actions RH 2026' });
	await updatePlan(db, actor, plan.id, { title: 'Plan d’actions RH 2026', summary: 'Priorités retenues avec la dirigeante lors de l’entretien de restitution : accueillir les apprentis, structurer la formation, clarifier les postes.', status: 'active' });
	const today = parisToday();
	const shift = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
	const view = await getPlan(db, actor, plan.id);
	const team = teamUser ? `user:${teamUser.id}` : '';
	const member = memberUser?.organization_id === orgId ? `user:${memberUser.id}` : '';
	// Done, done, overdue, then upcoming.
	const schedule: { owner: string; due: string; status: 'todo' | 'doing' | 'done' }[] = [
		{ owner: member, due: shift(-40), status: 'done' },
		{ owner: team, due: shift(-20), status: 'done' },
		{ owner: member, due: shift(-9), status: 'todo' },
		{ owner: team, due: shift(21), status: 'doing' },
		{ owner: member, due: shift(60), status: 'todo' }
	];
	for (let i = 0; i < view.items.length; i++) {
		const it = view.items[i];
		const s = schedule[i] ?? { owner: '', due: shift(90), status: 'todo' as const };
		await updateItem(db, actor, it.id, { title: it.title, detail: it.detail ?? '', dimension: it.dimension ?? '', owner: s.owner, dueDate: s.due, status: s.status });
	}
	await addItem(db, actor, plan.id, { title: 'Participer au job dating bois de printemps', detail: 'Stand partagé avec deux autres adhérents ; préparer deux offres (charpentier, apprenti menuisier).', dimension: 'recruitment', ownerName: 'Responsable d’atelier', dueDate: shift(45) });
	// The done actions were done before today.
	await db.execute(sql`update action_plan_items set done_at = ${new Date(now - 15 * DAY)} where plan_id = ${plan.id} and status = 'done'`);
	return { responses: 2 * n, planId: plan.id };
}
