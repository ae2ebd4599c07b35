// Templates and barometers on a real engine: a template becomes a survey in French or English with the
// same keys; the next edition copies the questions; two editions compare with exact figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError } from '../errors';
import { makeMemberUser, makeOrganization, makeTeamUser } from '../testing/factories';
import { trades } from '../trainings/schema';
import { surveyAnswers, surveyQuestions, surveyResponses, surveys, type AnswerValue } from './schema';
import { getSurvey, addQuestion } from './service';
import { instantiateTemplate, SURVEY_TEMPLATES } from './templates';
import { compareEditions, comparisonChart, createBarometer, exportComparison, getBarometer, rankChoices, startNextEdition } from './barometer';

let database: Database;
let db: Db;
let team: Actor;
let member: Actor;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	team = (await makeTeamUser(db)).actor;
	member = (await makeMemberUser(db, (await makeOrganization(db)).id)).actor;
	await db
		.insert(trades)
		.values([
			{ id: 't1', position: 0, name: 'Menuisier / menuisière', slug: 'menuisier' },
			{ id: 't2', position: 1, name: 'Charpentier / charpentière', slug: 'charpentier' },
			{ id: 't3', position: 2, name: 'Couvreur / couvreuse', slug: 'couvreur' }
		])
		.onConflictDoNothing();
});
afterAll(async () => database?.close());

const keysOf = (d: Awaited<ReturnType<typeof getSurvey>>) => d.sections.flatMap((s) => s.questions.map((q) => q.key));

/** A submitted response of an edition, answers given by question key. */
async function respond(surveyId: string, byKey: Record<string, AnswerValue>) {
	const qs = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId));
	const id = crypto.randomUUID();
	await db.insert(surveyResponses).values({ id, surveyId, status: 'submitted', submittedAt: new Date() });
	for (const [key, value] of Object.entries(byKey)) {
		const q = qs.find((x) => x.key === key)!;
		await db.insert(surveyAnswers).values({ id: crypto.randomUUID(), responseId: id, questionId: q.id, value });
	}
}

describe('templates', () => {
	it('every template becomes a survey in French and in English with the same question and choice keys', async () => {
		for (const tpl of SURVEY_TEMPLATES) {
			const fr = await instantiateTemplate(db, team, { templateKey: tpl.key, locale: 'fr' });
			const en = await instantiateTemplate(db, team, { templateKey: tpl.key, locale: 'en' });
			expect(fr.survey.locale).toBe('fr');
			expect(en.survey.locale).toBe('en');
			expect(fr.survey.templateKey).toBe(tpl.key);
			expect(fr.survey.title).toBe(tpl.title.fr);
			expect(en.survey.title).toBe(tpl.title.en);
			const expected = tpl.sections.flatMap((s) => s.questions.map((q) => q.key));
			expect(keysOf(fr)).toEqual(expected);
			expect(keysOf(en)).toEqual(expected);
			const qFr = fr.sections.flatMap((s) => s.questions);
			const qEn = en.sections.flatMap((s) => s.questions);
			for (let i = 0; i < qFr.length; i++) {
				expect(qEn[i].options.choices?.map((c) => c.key)).toEqual(qFr[i].options.choices?.map((c) => c.key));
				if (qFr[i].type !== 'number' && qFr[i].type !== 'matrix' && !qFr[i].options.choices?.some((c) => c.key === 'menuisier')) expect(qEn[i].label).not.toBe(qFr[i].label);
			}
		}
	});

	it('offers the cluster’s trades by slug, and the HR diagnostic carries its scoring and dimensions', async () => {
		const d = await instantiateTemplate(db, team, { templateKey: 'recruitment-barometer', locale: 'fr' });
		const q = d.sections.flatMap((s) => s.questions).find((x) => x.key === 'hard-to-fill-trades')!;
		expect(q.options.choices!.map((c) => c.key)).toEqual(['menuisier', 'charpentier', 'couvreur']);
		expect(q.options.allowOther).toBe(true);
		const m = d.sections.flatMap((s) => s.questions).find((x) => x.key === 'difficulty-by-trade')!;
		expect(m.options.rows!.map((r) => r.label)).toContain('Charpentier / charpentière');
		const diag = await instantiateTemplate(db, team, { templateKey: 'hr-diagnostic', locale: 'en' });
		expect(diag.survey.kind).toBe('diagnostic');
		expect((diag.survey.settings as { dimensions: { key: string; label: string }[] }).dimensions.map((x) => x.label)).toContain('Working conditions');
		expect(diag.sections[0].questions[0].scoring).toEqual({ dimension: 'recruitment', points: { no: 0, informal: 1, formal: 2, reviewed: 3 } });
	});

	it('refuses an unknown template, a member, and an event for a template that is not about one', async () => {
		await expect(instantiateTemplate(db, team, { templateKey: 'nope', locale: 'fr' })).rejects.toMatchObject({ issues: [{ path: 'templateKey', message: 'error_diagnostics_template' }] });
		await expect(instantiateTemplate(db, member, { templateKey: 'hr-diagnostic' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(instantiateTemplate(db, team, { templateKey: 'hr-diagnostic', eventId: 'x' })).rejects.toMatchObject({ issues: [{ path: 'eventId' }] });
		await expect(instantiateTemplate(db, team, { templateKey: 'event-satisfaction', eventId: 'missing' })).rejects.toMatchObject({ issues: [{ path: 'eventId', message: 'error_diagnostics_event' }] });
	});
});

describe('barometers', () => {
	it('starts a series from the template, then the next edition copies the questions with the same keys', async () => {
		const { series, edition } = await createBarometer(db, team, { title: 'Baromètre emploi', locale: 'fr', editionYear: '2025' });
		expect(edition.survey.seriesId).toBe(series.id);
		expect(edition.survey.editionYear).toBe(2025);
		expect(edition.survey.title).toBe('Baromètre emploi 2025');
		const next = await startNextEdition(db, team, series.id, { editionYear: '2026' });
		expect(next.survey.editionYear).toBe(2026);
		expect(next.survey.kind).toBe('barometer');
		expect(keysOf(next)).toEqual(keysOf(edition));
		const qa = edition.sections.flatMap((s) => s.questions);
		const qb = next.sections.flatMap((s) => s.questions);
		expect(qb.map((q) => [q.label, q.type, q.options])).toEqual(qa.map((q) => [q.label, q.type, q.options]));
		expect((await getBarometer(db, team, series.id)).editions.map((e) => e.editionYear)).toEqual([2025, 2026]);
		await expect(startNextEdition(db, team, series.id, { editionYear: '2026' })).rejects.toMatchObject({ issues: [{ path: 'editionYear', message: 'error_diagnostics_edition_year' }] });
		await expect(startNextEdition(db, team, series.id, { editionYear: '' })).rejects.toMatchObject({ issues: [{ path: 'editionYear' }] });
		await expect(createBarometer(db, team, { title: '', editionYear: 2025 })).rejects.toBeInstanceOf(InvalidError);
		await expect(createBarometer(db, member, { title: 'X', editionYear: 2025 })).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('compares two editions question by question with exact percentages, changes in points, averages and counts', async () => {
		const { series, edition: e1 } = await createBarometer(db, team, { title: 'Baromètre test', locale: 'fr', editionYear: 2025 });
		const e2 = await startNextEdition(db, team, series.id, { editionYear: 2026 });
		// 2026 asks one more question; the 2025 "comments" is removed below to be in one edition only.
		await addQuestion(db, team, e2.sections[0].id, { key: 'new-2026', type: 'short_text', label: 'Nouvelle question' });
		const commentsB = e2.sections.flatMap((s) => s.questions).find((q) => q.key === 'comments')!;
		await db.delete(surveyQuestions).where(eq(surveyQuestions.id, commentsB.id));
		// 2025: 4 responses; 2026: 5 responses.
		await respond(e1.survey.id, { 'hiring-intention': { choice: 'yes-certain' }, 'hires-planned': { number: 2 }, 'hard-to-fill-trades': { choices: ['menuisier', 'charpentier'] }, 'difficulty-by-trade': { rows: { charpentier: 'moderate' } } });
		await respond(e1.survey.id, { 'hiring-intention': { choice: 'no' }, 'hires-planned': { number: 0 }, 'hard-to-fill-trades': { choices: ['menuisier'] }, 'difficulty-by-trade': { rows: { charpentier: 'strong' } } });
		await respond(e1.survey.id, { 'hiring-intention': { choice: 'no' }, 'hires-planned': { number: 4 }, 'hard-to-fill-trades': { choices: ['menuisier'] } });
		await respond(e1.survey.id, { 'hiring-intention': { choice: 'unknown' }, comments: { text: 'RAS' } });
		for (const [intent, hires, trades, diff] of [
			['yes-certain', 3, ['charpentier'], 'strong'],
			['yes-certain', 5, ['charpentier', 'menuisier'], 'strong'],
			['yes-probable', 1, ['charpentier'], 'strong'],
			['no', 0, ['couvreur'], 'moderate'],
			['yes-certain', 6, ['charpentier'], 'none']
		] as const)
			await respond(e2.survey.id, { 'hiring-intention': { choice: intent }, 'hires-planned': { number: hires }, 'hard-to-fill-trades': { choices: [...trades] }, 'difficulty-by-trade': { rows: { charpentier: diff } } });

		const c = await compareEditions(db, team, series.id, { a: e1.survey.id, b: e2.survey.id });
		expect(c.a.responses).toBe(4);
		expect(c.b.responses).toBe(5);
		const intent = c.questions.find((q) => q.key === 'hiring-intention')!;
		expect(intent.kind).toBe('choices');
		if (intent.kind !== 'choices') throw new Error();
		const by = Object.fromEntries(intent.choices.map((d) => [d.key, d]));
		expect(by['yes-certain']).toMatchObject({ a: { count: 1, percent: 25 }, b: { count: 3, percent: 60 }, delta: 35 });
		expect(by['no']).toMatchObject({ a: { count: 2, percent: 50 }, b: { count: 1, percent: 20 }, delta: -30 });
		expect(by['yes-probable']).toMatchObject({ a: { count: 0, percent: 0 }, b: { count: 1, percent: 20 }, delta: 20 });
		expect(intent.answeredA).toBe(4);
		const hires = c.questions.find((q) => q.key === 'hires-planned')!;
		if (hires.kind !== 'number') throw new Error('number expected');
		expect(hires.a).toEqual({ answered: 3, average: 2, median: 2, sum: 6 });
		expect(hires.b).toEqual({ answered: 5, average: 3, median: 3, sum: 15 });
		expect(hires.deltaAverage).toBe(1);
		const hard = c.questions.find((q) => q.key === 'hard-to-fill-trades')!;
		const ranked = rankChoices(hard);
		expect(ranked.map((r) => [r.key, r.rankA, r.rankB])).toEqual([
			['charpentier', 2, 1],
			['menuisier', 1, 2],
			['couvreur', null, 2]
		]);
		expect(ranked[0]).toMatchObject({ a: { count: 1, percent: 33.3 }, b: { count: 4, percent: 80 } });
		const matrix = c.questions.find((q) => q.key === 'difficulty-by-trade')!;
		if (matrix.kind !== 'matrix') throw new Error('matrix expected');
		const charp = matrix.rows.find((r) => r.key === 'charpentier')!;
		expect(charp.columns.find((x) => x.key === 'strong')).toMatchObject({ a: { count: 1, percent: 50 }, b: { count: 3, percent: 60 }, delta: 10 });
		expect(c.onlyA.map((q) => q.key)).toEqual(['comments']);
		expect(c.onlyB.map((q) => q.key)).toEqual(['new-2026']);
		const svg = comparisonChart(intent, '2025', '2026', 'Autre');
		expect(svg).toContain('<svg');
		expect(svg).toContain('60');
		const csv = (await exportComparison(db, team, series.id, { a: e1.survey.id, b: e2.survey.id }, 'csv')).body.toString('utf8');
		expect(csv).toContain('Charpentier / charpentière;1;33,3;4;80;46,7');
		expect(csv).toContain('Nouvelle question;Seulement en 2026');
		await expect(compareEditions(db, team, series.id, { a: e1.survey.id, b: 'other' })).rejects.toMatchObject({ issues: [{ path: 'b' }] });
		await expect(compareEditions(db, member, series.id, { a: e1.survey.id, b: e2.survey.id })).rejects.toBeInstanceOf(ForbiddenError);
		// A draft response does not count.
		await db.insert(surveyResponses).values({ id: crypto.randomUUID(), surveyId: e2.survey.id, status: 'in_progress' });
		expect((await compareEditions(db, team, series.id, { a: e1.survey.id, b: e2.survey.id })).b.responses).toBe(5);
		expect((await db.select().from(surveys).where(eq(surveys.seriesId, series.id))).length).toBe(2);
	});
});
