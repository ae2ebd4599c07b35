// HR diagnostics: a survey of kind `diagnostic` answered by (or with) one member organization; the score
// per dimension is computed from the answers and each question's scoring (percentage of the maximum,
// level per the dimension's thresholds), and weak dimensions propose the template's actions.
import { z } from 'zod';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import * as echarts from 'echarts';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { canEditOrganization, canReadOrganization, isStaff, requireStaff, type Actor } from '../auth/actor';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, type FieldIssue } from '../errors';
import { parseInput, requiredText } from '../validation';
import { getOrganization } from '../crm/service';
import { parseAnswer, type QuestionRow, type RawAnswers, type SurveyDefinition } from './service';
import { actionPlans, surveyAnswers, surveyQuestions, surveyResponses, surveySections, surveys, type AnswerValue } from './schema';
import { instantiateTemplate, type DiagnosticDimension, type DiagnosticSettings, type DimensionAction } from './templates';
import type { DiagnosticLevel } from './templates/types';

const newId = () => crypto.randomUUID();

export const DEFAULT_THRESHOLDS = { medium: 40, good: 70 };

export interface DimensionScore {
	key: string;
	label: string;
	points: number;
	max: number;
	/** points / max of the answered questions, 0–100 rounded; null when nothing of the dimension was answered */
	percent: number | null;
	level: DiagnosticLevel | null;
	answered: number;
	questions: number;
}

/** The points of one answer and the maximum it could have had; null when unanswered or not scored. */
export function scoreAnswer(q: Pick<QuestionRow, 'type' | 'options' | 'scoring'>, v: AnswerValue | undefined): { points: number; max: number } | null {
	const s = q.scoring;
	if (!s || !v) return null;
	const weight = s.weight ?? 1;
	const pts = s.points ?? {};
	const values = Object.values(pts);
	const best = values.length ? Math.max(0, ...values) : 0;
	let points = 0;
	let max = 0;
	if (q.type === 'single' && 'choice' in v) {
		points = pts[v.choice] ?? 0;
		max = best;
	} else if (q.type === 'multiple' && 'choices' in v) {
		points = v.choices.reduce((sum, k) => sum + (pts[k] ?? 0), 0);
		max = values.filter((p) => p > 0).reduce((a, b) => a + b, 0);
	} else if (q.type === 'scale' && 'number' in v) {
		// Without points the value itself scores, from the scale's minimum.
		if (s.points) {
			points = pts[String(v.number)] ?? 0;
			max = best;
		} else {
			points = v.number - (q.options.min ?? 0);
			max = (q.options.max ?? 10) - (q.options.min ?? 0);
		}
	} else if (q.type === 'matrix' && 'rows' in v) {
		const rows = q.options.rows ?? [];
		points = rows.reduce((sum, r) => sum + (v.rows[r.key] ? (pts[v.rows[r.key]] ?? 0) : 0), 0);
		max = rows.filter((r) => v.rows[r.key]).length * best;
	} else return null;
	return { points: points * weight, max: max * weight };
}

export function levelOf(percent: number | null, thresholds = DEFAULT_THRESHOLDS): DiagnosticLevel | null {
	if (percent == null) return null;
	if (percent < thresholds.medium) return 'low';
	if (percent < thresholds.good) return 'medium';
	return 'good';
}

/** The score of every dimension, in the order of the survey's dimensions. */
export function scoreDimensions(dimensions: DiagnosticDimension[], questions: QuestionRow[], answers: Record<string, AnswerValue>): DimensionScore[] {
	return dimensions.map((d) => {
		const qs = questions.filter((q) => q.scoring?.dimension === d.key);
		let points = 0;
		let max = 0;
		let answered = 0;
		for (const q of qs) {
			const s = scoreAnswer(q, answers[q.id]);
			if (!s) continue;
			answered++;
			points += s.points;
			max += s.max;
		}
		const percent = answered && max > 0 ? Math.round((points / max) * 100) : null;
		return { key: d.key, label: d.label, points, max, percent, level: levelOf(percent, d.thresholds ?? DEFAULT_THRESHOLDS), answered, questions: qs.length };
	});
}

export interface ProposedAction extends DimensionAction {
	/** stable within the diagnostic: `<dimension>:<level>:<index>` */
	id: string;
	dimension: string;
	dimensionLabel: string;
	level: DiagnosticLevel;
}

/** The template's recommendations for the dimensions scoring low or medium, weakest first. */
export function proposeActions(dimensions: DiagnosticDimension[], scores: DimensionScore[]): ProposedAction[] {
	const out: ProposedAction[] = [];
	const weak = scores.filter((s) => s.level === 'low' || s.level === 'medium').sort((x, y) => (x.percent ?? 0) - (y.percent ?? 0));
	for (const s of weak) {
		const d = dimensions.find((x) => x.key === s.key);
		(d?.recommendations?.[s.level!] ?? []).forEach((a, i) => out.push({ id: `${s.key}:${s.level}:${i}`, dimension: s.key, dimensionLabel: s.label, level: s.level!, title: a.title, detail: a.detail }));
	}
	return out;
}

// ---------------------------------------------------------------- diagnostics of member organizations

export const startInput = z.object({
	organizationId: requiredText(60),
	locale: z.preprocess((v) => v || 'fr', z.enum(['fr', 'en'], { error: 'error_diagnostics_locale' }))
});

type ResponseRow = typeof surveyResponses.$inferSelect;

/**
 * The team starts an HR diagnostic for a member organization: a survey from the template in the
 * language chosen, open, with the organization's response ready to be filled in.
 */
export async function startDiagnostic(db: Db, actor: Actor, raw: unknown): Promise<{ surveyId: string }> {
	requireStaff(actor);
	const input = parseInput(startInput, raw);
	let org;
	try {
		org = await getOrganization(db, actor, input.organizationId);
	} catch (e) {
		if (e instanceof NotFoundError) throw new InvalidError([{ path: 'organizationId', message: 'error_diagnostics_organization' }]);
		throw e;
	}
	const def = await instantiateTemplate(db, actor, { templateKey: 'hr-diagnostic', locale: input.locale }, { kind: 'diagnostic', audience: 'organizations' });
	const title = `${def.survey.title} — ${org.name}`;
	await db.transaction(async (tx) => {
		await tx.update(surveys).set({ title, status: 'open', sentAt: new Date(), updatedAt: new Date() }).where(eq(surveys.id, def.survey.id));
		await tx.insert(surveyResponses).values({ id: newId(), surveyId: def.survey.id, organizationId: org.id, enteredBy: actor.id, status: 'in_progress' });
	});
	return { surveyId: def.survey.id };
}

export interface DiagnosticView {
	definition: SurveyDefinition;
	organization: { id: string; name: string };
	response: ResponseRow;
	answers: Record<string, AnswerValue>;
	dimensions: DiagnosticDimension[];
	scores: DimensionScore[];
	proposals: ProposedAction[];
	planId: string | null;
}

async function diagnosticRows(db: Db, surveyId: string) {
	const [s] = await db.select().from(surveys).where(and(eq(surveys.id, surveyId), eq(surveys.kind, 'diagnostic')));
	if (!s) throw new NotFoundError('diagnostic', surveyId);
	const [response] = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).orderBy(asc(surveyResponses.startedAt)).limit(1);
	if (!response?.organizationId) throw new NotFoundError('diagnostic', surveyId);
	return { s, response: response as ResponseRow & { organizationId: string } };
}

/** A diagnostic with its scores: the team, or the accounts of the organization diagnosed. */
export async function getDiagnostic(db: Db, actor: Actor, surveyId: string): Promise<DiagnosticView> {
	const { s, response } = await diagnosticRows(db, surveyId);
	if (!canReadOrganization(actor, response.organizationId) || actor.role === 'partner') throw new NotFoundError('diagnostic', surveyId);
	const [sections, questions, answerRows, [org], [plan]] = await Promise.all([
		db.select().from(surveySections).where(eq(surveySections.surveyId, surveyId)).orderBy(asc(surveySections.position)),
		db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position)),
		db.select({ q: surveyAnswers.questionId, v: surveyAnswers.value }).from(surveyAnswers).where(eq(surveyAnswers.responseId, response.id)),
		queryRows<{ id: string; name: string }>(db, sql`select id, name from organizations where id = ${response.organizationId}`),
		db.select({ id: actionPlans.id }).from(actionPlans).where(eq(actionPlans.surveyId, surveyId)).orderBy(desc(actionPlans.createdAt)).limit(1)
	]);
	const answers = Object.fromEntries(answerRows.map((a) => [a.q, a.v]));
	const dimensions = (s.settings as DiagnosticSettings).dimensions ?? [];
	const scores = scoreDimensions(dimensions, questions, answers);
	return {
		definition: { survey: s, sections: sections.map((sec) => ({ ...sec, questions: questions.filter((q) => q.sectionId === sec.id) })) },
		organization: org ?? { id: response.organizationId, name: '' },
		response,
		answers,
		dimensions,
		scores,
		proposals: response.status === 'submitted' ? proposeActions(dimensions, scores) : [],
		planId: plan?.id ?? null
	};
}

/**
 * Saves the answers typed in (by the team with the member, or by the member's own accounts); with
 * `submit`, every required question must be answered (issues name them) and the diagnostic is closed.
 * Nothing is saved when a value is refused.
 */
export async function saveDiagnosticAnswers(db: Db, actor: Actor, surveyId: string, raw: RawAnswers, opts: { submit?: boolean } = {}): Promise<{ issues: FieldIssue[] }> {
	const { s, response } = await diagnosticRows(db, surveyId);
	if (!canEditOrganization(actor, response.organizationId)) throw new ForbiddenError();
	if (response.status === 'submitted' && !isStaff(actor)) throw new ConflictError('error_diagnostics_submitted');
	const questions = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id));
	const issues: FieldIssue[] = [];
	const values: { q: QuestionRow; value: AnswerValue | null }[] = [];
	for (const q of questions) {
		const r = parseAnswer(q, raw);
		if ('issue' in r) issues.push({ path: `q.${q.id}`, message: r.issue, ...(r.params ? { params: r.params } : {}) });
		else {
			values.push({ q, value: r.value });
			if ((opts.submit || response.status === 'submitted') && q.required && (!r.value || (q.type === 'matrix' && (q.options.rows ?? []).some((row) => !(r.value as { rows: Record<string, string> }).rows[row.key]))))
				issues.push({ path: `q.${q.id}`, message: 'error_surveys_answer_required' });
		}
	}
	if (issues.length) throw new InvalidError(issues);
	const now = new Date();
	await db.transaction(async (tx) => {
		for (const { q, value } of values) {
			if (value === null) await tx.delete(surveyAnswers).where(and(eq(surveyAnswers.responseId, response.id), eq(surveyAnswers.questionId, q.id)));
			else
				await tx
					.insert(surveyAnswers)
					.values({ id: newId(), responseId: response.id, questionId: q.id, value, updatedAt: now })
					.onConflictDoUpdate({ target: [surveyAnswers.responseId, surveyAnswers.questionId], set: { value, updatedAt: now } });
		}
		const submitting = opts.submit && response.status !== 'submitted';
		await tx
			.update(surveyResponses)
			.set({ updatedAt: now, ...(isStaff(actor) ? { enteredBy: actor.id } : {}), ...(submitting ? { status: 'submitted' as const, submittedAt: now } : {}) })
			.where(eq(surveyResponses.id, response.id));
		if (submitting) await tx.update(surveys).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(surveys.id, s.id));
	});
	return { issues: [] };
}

export interface DiagnosticListItem {
	surveyId: string;
	title: string;
	organizationId: string;
	organizationName: string;
	status: 'in_progress' | 'submitted';
	startedAt: Date;
	submittedAt: Date | null;
	planId: string | null;
}

/** The team: every diagnostic; a member: its own organization's. */
export async function listDiagnostics(db: Db, actor: Actor): Promise<DiagnosticListItem[]> {
	if (!isStaff(actor) && !(actor.role === 'member' && actor.organizationId)) return [];
	const own = isStaff(actor) ? sql`true` : sql`r.organization_id = ${actor.organizationId!}`;
	const rows = await queryRows<{ id: string; title: string; organization_id: string; name: string; status: 'in_progress' | 'submitted'; started_at: string | Date; submitted_at: string | Date | null; plan_id: string | null }>(
		db,
		sql`select s.id, s.title, r.organization_id, o.name, r.status, r.started_at, r.submitted_at,
			(select p.id from action_plans p where p.survey_id = s.id order by p.created_at desc limit 1) as plan_id
			from surveys s
			join lateral (select * from survey_responses r0 where r0.survey_id = s.id order by r0.started_at limit 1) r on true
			join organizations o on o.id = r.organization_id
			where s.kind = 'diagnostic' and ${own}
			order by r.started_at desc`
	);
	return rows.map((r) => ({ surveyId: r.id, title: r.title, organizationId: r.organization_id, organizationName: r.name, status: r.status, startedAt: new Date(r.started_at), submittedAt: r.submitted_at ? new Date(r.submitted_at) : null, planId: r.plan_id }));
}

/** A radar of the dimensions' percentages (SVG drawn on the server); the page shows the table beside it. */
export function scoresChart(scores: DimensionScore[], seriesName: string): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 });
	chart.setOption({
		animation: false,
		textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 12 },
		radar: { indicator: scores.map((s) => ({ name: s.label.length > 28 ? s.label.slice(0, 27) + '…' : s.label, max: 100 })), radius: '56%', axisName: { color: '#1f2937' } },
		series: [{ type: 'radar', name: seriesName, data: [{ value: scores.map((s) => s.percent ?? 0), name: seriesName, areaStyle: { color: 'rgba(29, 78, 216, 0.2)' }, lineStyle: { color: '#1d4ed8' }, itemStyle: { color: '#1d4ed8' } }] }]
	});
	const svg = chart.renderToSVGString();
	chart.dispose();
	return svg;
}
