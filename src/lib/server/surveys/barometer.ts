// Barometers: a series of surveys, one edition a year, started from a template; the next edition copies
// the previous one's questions with the same keys; two editions compare question by question (matched
// by key): percentages per choice with the change in points, averages, response counts, rankings.
import { z } from 'zod';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import * as echarts from 'echarts';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { requireStaff, type Actor } from '../auth/actor';
import { InvalidError, NotFoundError } from '../errors';
import { parseInput, requiredText } from '../validation';
import { createSurveyFromDefinition, resultOf, type QuestionResult, type QuestionRow, type SurveyDefinition, type SurveyRow } from './service';
import { surveyAnswers, surveyQuestions, surveyResponses, surveySections, surveySeries, surveys, type AnswerValue } from './schema';
import { instantiateTemplate } from './templates';
import { inertText } from './export';
import { CONTENT_TYPES, writeCsv, writeXlsx, type Cell } from '../crm/spreadsheet';
import { t, type Locale } from '../../i18n/t';

export type SeriesRow = typeof surveySeries.$inferSelect;

const year = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
	z.number({ error: 'error_required' }).int({ error: 'error_number' }).min(1990, { error: 'error_diagnostics_year' }).max(2100, { error: 'error_diagnostics_year' })
);

export const seriesInput = z.object({
	title: requiredText(200),
	templateKey: z.preprocess((v) => v || 'recruitment-barometer', z.string()),
	locale: z.preprocess((v) => v || 'fr', z.enum(['fr', 'en'], { error: 'error_diagnostics_locale' })),
	editionYear: year
});

export const nextEditionInput = z.object({ editionYear: year });

const newId = () => crypto.randomUUID();

/** A new barometer series and its first edition (a draft created from the template, in the language chosen). */
export async function createBarometer(db: Db, actor: Actor, raw: unknown): Promise<{ series: SeriesRow; edition: SurveyDefinition }> {
	requireStaff(actor);
	const input = parseInput(seriesInput, raw);
	const [series] = await db.insert(surveySeries).values({ id: newId(), kind: 'barometer', title: input.title, templateKey: input.templateKey, createdBy: actor.id }).returning();
	try {
		const edition = await instantiateTemplate(
			db,
			actor,
			{ templateKey: input.templateKey, locale: input.locale, title: `${input.title} ${input.editionYear}` },
			{ kind: 'barometer', seriesId: series.id, editionYear: input.editionYear, editionLabel: String(input.editionYear) }
		);
		return { series, edition };
	} catch (e) {
		// Nothing half-written: the survey engine's transaction failed, the series goes too.
		await db.delete(surveySeries).where(eq(surveySeries.id, series.id));
		throw e;
	}
}

export interface EditionSummary {
	id: string;
	title: string;
	editionYear: number | null;
	editionLabel: string | null;
	status: SurveyRow['status'];
	responses: number;
}

export interface SeriesView extends SeriesRow {
	editions: EditionSummary[];
}

async function editionsOf(db: Db, seriesIds: string[]): Promise<Map<string, EditionSummary[]>> {
	const out = new Map<string, EditionSummary[]>();
	if (!seriesIds.length) return out;
	const rows = await queryRows<{ id: string; series_id: string; title: string; edition_year: number | null; edition_label: string | null; status: SurveyRow['status']; responses: number }>(
		db,
		sql`select s.id, s.series_id, s.title, s.edition_year, s.edition_label, s.status,
			(select count(*)::int from survey_responses r where r.survey_id = s.id and r.status = 'submitted') as responses
			from surveys s where s.series_id in (${sql.join(
				seriesIds.map((id) => sql`${id}`),
				sql`, `
			)}) order by s.edition_year nulls first, s.edition_label, s.created_at`
	);
	for (const r of rows)
		out.set(r.series_id, [
			...(out.get(r.series_id) ?? []),
			{ id: r.id, title: r.title, editionYear: r.edition_year == null ? null : Number(r.edition_year), editionLabel: r.edition_label, status: r.status, responses: Number(r.responses) }
		]);
	return out;
}

export async function listBarometers(db: Db, actor: Actor): Promise<SeriesView[]> {
	requireStaff(actor);
	const rows = await db.select().from(surveySeries).where(eq(surveySeries.kind, 'barometer')).orderBy(desc(surveySeries.createdAt));
	const editions = await editionsOf(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({ ...r, editions: editions.get(r.id) ?? [] }));
}

export async function getBarometer(db: Db, actor: Actor, id: string): Promise<SeriesView> {
	requireStaff(actor);
	const [row] = await db.select().from(surveySeries).where(eq(surveySeries.id, id));
	if (!row) throw new NotFoundError('survey_series', id);
	return { ...row, editions: (await editionsOf(db, [id])).get(id) ?? [] };
}

/**
 * The next edition: a draft copying the latest edition's sections and questions with the same keys,
 * options and scoring (the team may then adjust it: a question added or removed shows as such in the
 * comparison). The year must be later than every edition's.
 */
export async function startNextEdition(db: Db, actor: Actor, seriesId: string, raw: unknown): Promise<SurveyDefinition> {
	requireStaff(actor);
	const input = parseInput(nextEditionInput, raw);
	const series = await getBarometer(db, actor, seriesId);
	const last = series.editions.at(-1);
	if (!last) throw new NotFoundError('survey', seriesId);
	if (series.editions.some((e) => e.editionYear != null && e.editionYear >= input.editionYear)) throw new InvalidError([{ path: 'editionYear', message: 'error_diagnostics_edition_year' }]);
	const [prev] = await db.select().from(surveys).where(eq(surveys.id, last.id));
	const sections = await db.select().from(surveySections).where(eq(surveySections.surveyId, prev.id)).orderBy(asc(surveySections.position));
	const questions = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, prev.id)).orderBy(asc(surveyQuestions.position));
	return createSurveyFromDefinition(db, actor, {
		survey: {
			title: `${series.title} ${input.editionYear}`,
			description: prev.description,
			kind: prev.kind,
			audience: prev.audience,
			anonymous: prev.anonymous,
			captureAttributes: prev.captureAttributes,
			locale: prev.locale,
			templateKey: prev.templateKey,
			thankYou: prev.settings?.thankYou ?? null,
			seriesId,
			editionYear: input.editionYear,
			editionLabel: String(input.editionYear)
		},
		settings: prev.settings,
		sections: sections.map((s) => ({
			title: s.title,
			description: s.description,
			questions: questions.filter((q) => q.sectionId === s.id).map((q) => ({ key: q.key, type: q.type, label: q.label, help: q.help, required: q.required, options: q.options, scoring: q.scoring }))
		}))
	});
}

// ---------------------------------------------------------------- comparison

export interface Figure {
	count: number;
	percent: number;
}

export interface ChoiceDelta {
	key: string;
	label: string;
	a: Figure | null;
	b: Figure | null;
	/** b − a in percentage points, one decimal; null when the choice is in one edition only */
	delta: number | null;
}

export interface NumberFigures {
	answered: number;
	average: number | null;
	median: number | null;
	sum: number;
}

interface BaseComparison {
	key: string;
	label: string;
	type: QuestionRow['type'];
	answeredA: number;
	answeredB: number;
}

export type QuestionComparison =
	| (BaseComparison & { kind: 'choices'; choices: ChoiceDelta[] })
	| (BaseComparison & { kind: 'scale' | 'number'; a: NumberFigures; b: NumberFigures; deltaAverage: number | null; choices: ChoiceDelta[] })
	| (BaseComparison & { kind: 'matrix'; rows: { key: string; label: string; columns: ChoiceDelta[] }[] })
	| (BaseComparison & { kind: 'text' });

export interface EditionComparison {
	series: SeriesView;
	a: EditionSummary;
	b: EditionSummary;
	questions: QuestionComparison[];
	/** questions of one edition only */
	onlyA: { key: string; label: string }[];
	onlyB: { key: string; label: string }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

function mergeChoices(a: { key: string; label: string; count: number; percent: number }[] | null, b: { key: string; label: string; count: number; percent: number }[] | null): ChoiceDelta[] {
	const out: ChoiceDelta[] = [];
	const byA = new Map((a ?? []).map((c) => [c.key, c]));
	const seen = new Set<string>();
	for (const c of b ?? []) {
		const ca = byA.get(c.key);
		seen.add(c.key);
		out.push({ key: c.key, label: c.label || ca?.label || c.key, a: a && ca ? { count: ca.count, percent: ca.percent } : null, b: { count: c.count, percent: c.percent }, delta: a && ca ? round1(c.percent - ca.percent) : null });
	}
	for (const c of a ?? []) if (!seen.has(c.key)) out.push({ key: c.key, label: c.label, a: { count: c.count, percent: c.percent }, b: null, delta: null });
	return out;
}

/** Every submitted answer of a survey's questions, by question id. */
async function answersBySurvey(db: Db, surveyId: string): Promise<{ questions: QuestionRow[]; values: Map<string, AnswerValue[]>; sectionOrder: Map<string, number> }> {
	const [questions, sections, rows] = await Promise.all([
		db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)),
		db.select({ id: surveySections.id, position: surveySections.position }).from(surveySections).where(eq(surveySections.surveyId, surveyId)),
		db
			.select({ questionId: surveyAnswers.questionId, value: surveyAnswers.value })
			.from(surveyAnswers)
			.innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
			.where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.status, 'submitted')))
	]);
	const sectionOrder = new Map(sections.map((s) => [s.id, s.position]));
	questions.sort((x, y) => (sectionOrder.get(x.sectionId) ?? 0) - (sectionOrder.get(y.sectionId) ?? 0) || x.position - y.position);
	const values = new Map<string, AnswerValue[]>();
	for (const r of rows) values.set(r.questionId, [...(values.get(r.questionId) ?? []), r.value]);
	return { questions, values, sectionOrder };
}

function numberFigures(r: QuestionResult | null): NumberFigures {
	if (!r) return { answered: 0, average: null, median: null, sum: 0 };
	if (r.kind === 'number') return { answered: r.answered, average: r.average, median: r.median, sum: r.sum };
	if (r.kind === 'scale') {
		const nums = r.counts.flatMap((c) => Array(c.count).fill(Number(c.key)) as number[]).sort((x, y) => x - y);
		const median = nums.length ? (nums.length % 2 ? nums[(nums.length - 1) / 2] : (nums[nums.length / 2 - 1] + nums[nums.length / 2]) / 2) : null;
		return { answered: r.answered, average: r.average, median, sum: nums.reduce((s, n) => s + n, 0) };
	}
	return { answered: 0, average: null, median: null, sum: 0 };
}

/** One question of two editions (either may be missing): the figures side by side. */
export function compareQuestion(qa: QuestionRow | null, ra: QuestionResult | null, qb: QuestionRow | null, rb: QuestionResult | null): QuestionComparison {
	const q = (qb ?? qa)!;
	const base: BaseComparison = { key: q.key, label: q.label, type: q.type, answeredA: ra?.answered ?? 0, answeredB: rb?.answered ?? 0 };
	const choicesOf = (r: QuestionResult | null) => (r && (r.kind === 'choices' || r.kind === 'scale') ? r.counts : null);
	if (q.type === 'single' || q.type === 'multiple') return { ...base, kind: 'choices', choices: mergeChoices(choicesOf(ra), choicesOf(rb)) };
	if (q.type === 'scale' || q.type === 'number') {
		const a = numberFigures(ra);
		const b = numberFigures(rb);
		return { ...base, kind: q.type, a, b, deltaAverage: a.average != null && b.average != null ? round2(b.average - a.average) : null, choices: q.type === 'scale' ? mergeChoices(choicesOf(ra), choicesOf(rb)) : [] };
	}
	if (q.type === 'matrix') {
		const rowsA = ra?.kind === 'matrix' ? ra.rows : [];
		const rowsB = rb?.kind === 'matrix' ? rb.rows : [];
		const keys = [...new Set([...rowsB.map((r) => r.key), ...rowsA.map((r) => r.key)])];
		return {
			...base,
			kind: 'matrix',
			rows: keys.map((k) => {
				const x = rowsA.find((r) => r.key === k);
				const y = rowsB.find((r) => r.key === k);
				return { key: k, label: (y ?? x)!.label, columns: mergeChoices(x ? x.counts : ra ? [] : null, y ? y.counts : rb ? [] : null) };
			})
		};
	}
	return { ...base, kind: 'text' };
}

export const compareInput = z.object({ a: requiredText(60), b: requiredText(60) });

/** Edition `a` against edition `b` of a series, question by question matched by key. */
export async function compareEditions(db: Db, actor: Actor, seriesId: string, raw: unknown): Promise<EditionComparison> {
	requireStaff(actor);
	const input = parseInput(compareInput, raw);
	const series = await getBarometer(db, actor, seriesId);
	const a = series.editions.find((e) => e.id === input.a);
	const b = series.editions.find((e) => e.id === input.b);
	if (!a) throw new InvalidError([{ path: 'a', message: 'error_diagnostics_edition' }]);
	if (!b) throw new InvalidError([{ path: 'b', message: 'error_diagnostics_edition' }]);
	const [da, dbb] = await Promise.all([answersBySurvey(db, a.id), answersBySurvey(db, b.id)]);
	const byKeyA = new Map(da.questions.map((q) => [q.key, q]));
	const byKeyB = new Map(dbb.questions.map((q) => [q.key, q]));
	const questions: QuestionComparison[] = [];
	const onlyA: { key: string; label: string }[] = [];
	const onlyB: { key: string; label: string }[] = [];
	for (const qb of dbb.questions) {
		const qa = byKeyA.get(qb.key);
		if (!qa) {
			onlyB.push({ key: qb.key, label: qb.label });
			continue;
		}
		if (qa.type !== qb.type) {
			// Same key, another kind of question: the figures do not compare.
			onlyA.push({ key: qa.key, label: qa.label });
			onlyB.push({ key: qb.key, label: qb.label });
			continue;
		}
		questions.push(compareQuestion(qa, resultOf(qa, da.values.get(qa.id) ?? []), qb, resultOf(qb, dbb.values.get(qb.id) ?? [])));
	}
	for (const qa of da.questions) if (!byKeyB.has(qa.key)) onlyA.push({ key: qa.key, label: qa.label });
	return { series, a, b, questions, onlyA, onlyB };
}

export interface RankedChoice {
	key: string;
	label: string;
	rankA: number | null;
	rankB: number | null;
	a: Figure | null;
	b: Figure | null;
}

/**
 * The choices of a compared question ranked by the later edition (e.g. hard-to-fill trades by year):
 * competition ranking (ties share a rank), choices nobody picked in an edition get no rank there.
 */
export function rankChoices(c: QuestionComparison): RankedChoice[] {
	if (c.kind !== 'choices') return [];
	const rank = (pick: (d: ChoiceDelta) => Figure | null) => {
		const picked = c.choices.filter((d) => (pick(d)?.count ?? 0) > 0).sort((x, y) => pick(y)!.count - pick(x)!.count);
		const out = new Map<string, number>();
		picked.forEach((d, i) => out.set(d.key, i > 0 && pick(picked[i - 1])!.count === pick(d)!.count ? out.get(picked[i - 1].key)! : i + 1));
		return out;
	};
	const ra = rank((d) => d.a);
	const rb = rank((d) => d.b);
	return c.choices
		.filter((d) => ra.has(d.key) || rb.has(d.key))
		.map((d) => ({ key: d.key, label: d.label, rankA: ra.get(d.key) ?? null, rankB: rb.get(d.key) ?? null, a: d.a, b: d.b }))
		.sort((x, y) => (x.rankB ?? 1e9) - (y.rankB ?? 1e9) || (x.rankA ?? 1e9) - (y.rankA ?? 1e9));
}

// ---------------------------------------------------------------- charts

const COLORS = ['#94a3b8', '#1d4ed8'];
const short = (s: string, n = 32) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function render(option: echarts.EChartsOption, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 12 }, ...option });
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg;
}

/**
 * A grouped bar chart of one compared question (edition A beside edition B): percentages per choice,
 * the share of the last column per matrix row (e.g. "serious difficulty" per trade), or averages.
 * Null for text. The page shows the same figures in a table beside it.
 */
export function comparisonChart(c: QuestionComparison, labelA: string, labelB: string, otherLabel: string, locale: 'fr' | 'en' = 'fr'): string | null {
	let categories: string[] = [];
	let a: number[] = [];
	let b: number[] = [];
	let percent = true;
	if (c.kind === 'choices' || (c.kind === 'scale' && c.choices.length)) {
		categories = c.choices.map((d) => (d.key === '_other' ? otherLabel : d.label));
		a = c.choices.map((d) => d.a?.percent ?? 0);
		b = c.choices.map((d) => d.b?.percent ?? 0);
	} else if (c.kind === 'matrix') {
		const last = c.rows[0]?.columns.at(-1);
		if (!last) return null;
		categories = c.rows.map((r) => r.label);
		a = c.rows.map((r) => r.columns.find((x) => x.key === last.key)?.a?.percent ?? 0);
		b = c.rows.map((r) => r.columns.find((x) => x.key === last.key)?.b?.percent ?? 0);
	} else if (c.kind === 'number') {
		categories = [c.label];
		a = [c.a.average ?? 0];
		b = [c.b.average ?? 0];
		percent = false;
	} else return null;
	const fmt = (v: number) => (locale === 'fr' ? String(v).replace('.', ',') : String(v)) + (percent ? '\u202f%' : '');
	const height = Math.max(130, 46 * categories.length + 70);
	return render(
		{
			legend: { bottom: 0, textStyle: { color: '#1f2937' }, data: [labelA, labelB] },
			grid: { left: 28, right: 64, top: 10, bottom: 36, containLabel: true },
			xAxis: { type: 'value', ...(percent ? { max: 100, axisLabel: { formatter: '{value} %' } } : {}) },
			yAxis: { type: 'category', inverse: true, data: categories.map((l) => short(l)), axisLabel: { color: '#1f2937' } },
			series: [
				{ name: labelA, type: 'bar', data: a, itemStyle: { color: COLORS[0] }, barMaxWidth: 16, label: { show: true, position: 'right', color: '#374151', formatter: (p: { value: unknown }) => fmt(Number(p.value)) } },
				{ name: labelB, type: 'bar', data: b, itemStyle: { color: COLORS[1] }, barMaxWidth: 16, label: { show: true, position: 'right', color: '#1f2937', formatter: (p: { value: unknown }) => fmt(Number(p.value)) } }
			]
		},
		640,
		height
	);
}

/** Editions of the series, for a member of the team choosing what to compare (latest two by default). */
export function defaultPair(series: SeriesView): { a: string; b: string } | null {
	const eds = series.editions;
	if (eds.length < 2) return null;
	return { a: eds[eds.length - 2].id, b: eds[eds.length - 1].id };
}


// ---------------------------------------------------------------- export

/**
 * The comparison as a spreadsheet (CSV for French Excel, or XLSX): one line per choice, matrix cell or
 * figure, with both editions' counts and percentages and the change in points.
 */
export async function exportComparison(db: Db, actor: Actor, seriesId: string, raw: unknown, format: 'csv' | 'xlsx', locale: Locale = 'fr'): Promise<{ filename: string; contentType: string; body: Buffer }> {
	const c = await compareEditions(db, actor, seriesId, raw);
	const la = c.a.editionLabel ?? String(c.a.editionYear ?? 'A');
	const lb = c.b.editionLabel ?? String(c.b.editionYear ?? 'B');
	const tt = (k: string, p: Record<string, unknown> = {}) => t(`diagnostics_${k}`, p, locale);
	const headers = [tt('compare_question'), tt('compare_choice'), `${tt('col_responses')} ${la}`, `% ${la}`, `${tt('col_responses')} ${lb}`, `% ${lb}`, tt('compare_change')];
	const rows: Cell[][] = [];
	const line = (q: string, label: string, d: ChoiceDelta) => rows.push([q, label, d.a?.count ?? '', d.a?.percent ?? '', d.b?.count ?? '', d.b?.percent ?? '', d.delta ?? '']);
	for (const q of c.questions) {
		if (q.kind === 'choices' || q.kind === 'scale') for (const d of q.choices) line(q.label, d.key === '_other' ? tt('other') : d.label, d);
		if (q.kind === 'scale' || q.kind === 'number') rows.push([q.label, tt('compare_average'), q.a.answered, q.a.average ?? '', q.b.answered, q.b.average ?? '', q.deltaAverage ?? '']);
		if (q.kind === 'number') rows.push([q.label, tt('compare_total'), q.a.answered, q.a.sum, q.b.answered, q.b.sum, q.b.sum - q.a.sum]);
		if (q.kind === 'matrix') for (const r of q.rows) for (const d of r.columns) line(q.label, `${r.label} — ${d.label}`, d);
		if (q.kind === 'text') rows.push([q.label, '', q.answeredA, '', q.answeredB, '', '']);
	}
	for (const q of c.onlyA) rows.push([q.label, tt('compare_only_in', { year: la }), '', '', '', '', '']);
	for (const q of c.onlyB) rows.push([q.label, tt('compare_only_in', { year: lb }), '', '', '', '', '']);
	const safe = rows.map((r) => r.map((v) => (typeof v === 'string' ? inertText(v) : v)));
	const base = `${c.series.title} ${la}-${lb}`
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
	return format === 'csv'
		? { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: writeCsv(headers.map(inertText), safe) }
		: { filename: `${base}.xlsx`, contentType: CONTENT_TYPES.xlsx, body: await writeXlsx(headers.map(inertText), safe, `${la}-${lb}`) };
}
