// Every rule of the survey engine: authoring (draft only), sending personal links to a CRM segment,
// reminders to those who have not completed, answering section by section with autosave, submission
// (anonymous answers are then cut from the invitation), closing, and the results per question.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { requireStaff, type Actor } from '../auth/actor';
import { ConflictError, InvalidError, NotFoundError, type FieldIssue } from '../errors';
import { parseInput } from '../validation';
import { getOrganization, iterateOrganizations, listContactsWithEmail, listSegments } from '../crm/service';
import { getClusterSettings } from '../settings/service';
import { enqueue, type JobHandler } from '../jobs/queue';
import { queueMail, renderMail } from '../mail/service';
import { t, type Locale } from '../../i18n/t';
import { formatEventDateTime } from '../../i18n/format';
import {
	surveys,
	surveySections,
	surveyQuestions,
	surveyInvitations,
	surveyResponses,
	surveyAnswers,
	type AnswerValue,
	type QuestionOptions,
	type QuestionScoring,
	type ResponseAttributes,
	type SurveySettings
} from './schema';
import { keyFromLabel, questionInput, resultsFilter, sectionInput, sendInput, surveyInput, type QuestionInput, type ResultsFilter } from './validation';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const newId = () => crypto.randomUUID();
/** 32 random bytes, URL-safe: the secret of a personal link. */
const newToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

export type SurveyRow = typeof surveys.$inferSelect;
export type SectionRow = typeof surveySections.$inferSelect;
export type QuestionRow = typeof surveyQuestions.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export const REMINDER_JOB = 'surveys.reminder';

export interface MailContext {
	baseUrl: string;
}

export interface SurveyDefinition {
	survey: SurveyRow;
	sections: (SectionRow & { questions: QuestionRow[] })[];
}

/** Open to answers: sent, not closed by the team, closing date not reached. */
export function isAnswerable(s: Pick<SurveyRow, 'status' | 'closesAt'>, now = new Date()): boolean {
	return s.status === 'open' && !(s.closesAt && s.closesAt <= now);
}

// ---------------------------------------------------------------- authoring

async function surveyRow(db: Db | Tx, id: string): Promise<SurveyRow> {
	const [s] = await db.select().from(surveys).where(eq(surveys.id, id));
	if (!s) throw new NotFoundError('survey', id);
	return s;
}

function assertDraft(s: SurveyRow) {
	if (s.status !== 'draft') throw new ConflictError('error_surveys_not_draft');
}

function surveyValues(input: ReturnType<typeof surveyInput.parse>, current?: SurveySettings) {
	const settings: SurveySettings = { ...(current ?? {}) };
	if (input.thankYou) settings.thankYou = input.thankYou;
	else delete settings.thankYou;
	return {
		title: input.title,
		description: input.description,
		kind: input.kind,
		audience: input.audience,
		anonymous: input.anonymous,
		captureAttributes: input.captureAttributes,
		closesAt: input.closesAt,
		reminderDaysBefore: input.reminderDaysBefore,
		locale: input.locale,
		editionLabel: input.editionLabel,
		editionYear: input.editionYear,
		seriesId: input.seriesId,
		templateKey: input.templateKey,
		settings
	};
}

export async function createSurvey(db: Db, actor: Actor, raw: unknown): Promise<SurveyRow> {
	requireStaff(actor);
	const input = parseInput(surveyInput, raw);
	const [s] = await db
		.insert(surveys)
		.values({ id: newId(), ...surveyValues(input), createdBy: actor.id })
		.returning();
	return s;
}

/** Settings of a survey; once sent, who it goes to and whether it is anonymous no longer change. */
export async function updateSurvey(db: Db, actor: Actor, id: string, raw: unknown): Promise<SurveyRow> {
	requireStaff(actor);
	const input = parseInput(surveyInput, raw);
	return db.transaction(async (tx) => {
		const [s] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update');
		if (!s) throw new NotFoundError('survey', id);
		const values = surveyValues(input, s.settings);
		if (s.status !== 'draft') {
			if (values.audience !== s.audience) throw new InvalidError([{ path: 'audience', message: 'error_surveys_locked_after_send' }]);
			if (values.anonymous !== s.anonymous) throw new InvalidError([{ path: 'anonymous', message: 'error_surveys_locked_after_send' }]);
			if (values.captureAttributes !== s.captureAttributes) throw new InvalidError([{ path: 'captureAttributes', message: 'error_surveys_locked_after_send' }]);
		}
		const closesChanged = (values.closesAt?.getTime() ?? null) !== (s.closesAt?.getTime() ?? null) || values.reminderDaysBefore !== s.reminderDaysBefore;
		const [u] = await tx
			.update(surveys)
			.set({ ...values, ...(closesChanged ? { autoReminderSentAt: null } : {}), updatedAt: new Date() })
			.where(eq(surveys.id, id))
			.returning();
		if (closesChanged && u.status === 'open') await scheduleAutoReminder(tx, u);
		return u;
	});
}

export async function deleteSurvey(db: Db, actor: Actor, id: string): Promise<void> {
	requireStaff(actor);
	await surveyRow(db, id);
	await db.delete(surveys).where(eq(surveys.id, id));
}

export interface SurveyListItem extends SurveyRow {
	questionCount: number;
	invited: number;
	completed: number;
	submitted: number;
}

export async function listSurveys(db: Db, actor: Actor, opts: { kind?: string } = {}): Promise<SurveyListItem[]> {
	requireStaff(actor);
	const rows = await db
		.select()
		.from(surveys)
		.where(opts.kind ? eq(surveys.kind, opts.kind as SurveyRow['kind']) : undefined)
		.orderBy(desc(surveys.createdAt));
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const inIds = sql.join(
		ids.map((i) => sql`${i}`),
		sql`, `
	);
	const counts = await queryRows<{ id: string; questions: number; invited: number; completed: number; submitted: number }>(
		db,
		sql`select s.id,
			(select count(*)::int from survey_questions q where q.survey_id = s.id) as questions,
			(select count(*)::int from survey_invitations i where i.survey_id = s.id) as invited,
			(select count(*)::int from survey_invitations i where i.survey_id = s.id and i.completed_at is not null) as completed,
			(select count(*)::int from survey_responses r where r.survey_id = s.id and r.status = 'submitted') as submitted
			from surveys s where s.id in (${inIds})`
	);
	const by = new Map(counts.map((c) => [c.id, c]));
	return rows.map((r) => {
		const c = by.get(r.id);
		return { ...r, questionCount: Number(c?.questions ?? 0), invited: Number(c?.invited ?? 0), completed: Number(c?.completed ?? 0), submitted: Number(c?.submitted ?? 0) };
	});
}

async function definitionOf(db: Db | Tx, s: SurveyRow): Promise<SurveyDefinition> {
	const [sections, questions] = await Promise.all([
		db.select().from(surveySections).where(eq(surveySections.surveyId, s.id)).orderBy(asc(surveySections.position)),
		db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id)).orderBy(asc(surveyQuestions.position))
	]);
	return { survey: s, sections: sections.map((sec) => ({ ...sec, questions: questions.filter((q) => q.sectionId === sec.id) })) };
}

/** A survey with its sections and questions in order. */
export async function getSurvey(db: Db, actor: Actor, id: string): Promise<SurveyDefinition> {
	requireStaff(actor);
	return definitionOf(db, await surveyRow(db, id));
}

async function lockDraft(tx: Tx, surveyId: string): Promise<SurveyRow> {
	const [s] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('update');
	if (!s) throw new NotFoundError('survey', surveyId);
	assertDraft(s);
	return s;
}

async function touch(tx: Tx, surveyId: string) {
	await tx.update(surveys).set({ updatedAt: new Date() }).where(eq(surveys.id, surveyId));
}

export async function addSection(db: Db, actor: Actor, surveyId: string, raw: unknown): Promise<SectionRow> {
	requireStaff(actor);
	const input = parseInput(sectionInput, raw);
	return db.transaction(async (tx) => {
		await lockDraft(tx, surveyId);
		const [{ n }] = await tx.select({ n: sql<number>`coalesce(max(${surveySections.position}), -1)::int` }).from(surveySections).where(eq(surveySections.surveyId, surveyId));
		const [sec] = await tx
			.insert(surveySections)
			.values({ id: newId(), surveyId, position: Number(n) + 1, title: input.title, description: input.description })
			.returning();
		await touch(tx, surveyId);
		return sec;
	});
}

async function sectionOf(tx: Tx | Db, sectionId: string): Promise<SectionRow> {
	const [sec] = await tx.select().from(surveySections).where(eq(surveySections.id, sectionId));
	if (!sec) throw new NotFoundError('survey_section', sectionId);
	return sec;
}

export async function updateSection(db: Db, actor: Actor, sectionId: string, raw: unknown): Promise<SectionRow> {
	requireStaff(actor);
	const input = parseInput(sectionInput, raw);
	return db.transaction(async (tx) => {
		const sec = await sectionOf(tx, sectionId);
		await lockDraft(tx, sec.surveyId);
		const [u] = await tx.update(surveySections).set({ title: input.title, description: input.description, updatedAt: new Date() }).where(eq(surveySections.id, sectionId)).returning();
		await touch(tx, sec.surveyId);
		return u;
	});
}

export async function removeSection(db: Db, actor: Actor, sectionId: string): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const sec = await sectionOf(tx, sectionId);
		await lockDraft(tx, sec.surveyId);
		await tx.delete(surveySections).where(eq(surveySections.id, sectionId));
		await renumber(tx, 'sections', sec.surveyId);
		await touch(tx, sec.surveyId);
	});
}

async function renumber(tx: Tx, what: 'sections' | 'questions', parentId: string) {
	if (what === 'sections') {
		const rows = await tx.select({ id: surveySections.id }).from(surveySections).where(eq(surveySections.surveyId, parentId)).orderBy(asc(surveySections.position));
		for (let i = 0; i < rows.length; i++) await tx.update(surveySections).set({ position: i }).where(eq(surveySections.id, rows[i].id));
	} else {
		const rows = await tx.select({ id: surveyQuestions.id }).from(surveyQuestions).where(eq(surveyQuestions.sectionId, parentId)).orderBy(asc(surveyQuestions.position));
		for (let i = 0; i < rows.length; i++) await tx.update(surveyQuestions).set({ position: i }).where(eq(surveyQuestions.id, rows[i].id));
	}
}

/** Moves a section one place up or down. */
export async function moveSection(db: Db, actor: Actor, sectionId: string, direction: 'up' | 'down'): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const sec = await sectionOf(tx, sectionId);
		await lockDraft(tx, sec.surveyId);
		const rows = await tx.select({ id: surveySections.id }).from(surveySections).where(eq(surveySections.surveyId, sec.surveyId)).orderBy(asc(surveySections.position));
		const ids = rows.map((r) => r.id);
		const i = ids.indexOf(sectionId);
		const j = direction === 'up' ? i - 1 : i + 1;
		if (j < 0 || j >= ids.length) return;
		[ids[i], ids[j]] = [ids[j], ids[i]];
		for (let k = 0; k < ids.length; k++) await tx.update(surveySections).set({ position: k }).where(eq(surveySections.id, ids[k]));
		await touch(tx, sec.surveyId);
	});
}

/** A key unused in the survey: the one asked for, else one from the label, numbered if taken. */
async function freeKey(tx: Tx, surveyId: string, wanted: string | null, label: string, exceptQuestionId?: string): Promise<string> {
	const taken = new Set(
		(await tx.select({ id: surveyQuestions.id, key: surveyQuestions.key }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)))
			.filter((r) => r.id !== exceptQuestionId)
			.map((r) => r.key)
	);
	if (wanted) {
		if (taken.has(wanted)) throw new InvalidError([{ path: 'key', message: 'error_surveys_key_taken' }]);
		return wanted;
	}
	const base = keyFromLabel(label).slice(0, 50);
	let key = base;
	for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
	return key;
}

export async function addQuestion(db: Db, actor: Actor, sectionId: string, raw: unknown): Promise<QuestionRow> {
	requireStaff(actor);
	const input = parseInput(questionInput, raw);
	return db.transaction(async (tx) => {
		const sec = await sectionOf(tx, sectionId);
		await lockDraft(tx, sec.surveyId);
		return insertQuestion(tx, sec, input);
	});
}

async function insertQuestion(tx: Tx, sec: SectionRow, input: QuestionInput): Promise<QuestionRow> {
	const [{ n }] = await tx.select({ n: sql<number>`coalesce(max(${surveyQuestions.position}), -1)::int` }).from(surveyQuestions).where(eq(surveyQuestions.sectionId, sec.id));
	const key = await freeKey(tx, sec.surveyId, input.key, input.label);
	const [q] = await tx
		.insert(surveyQuestions)
		.values({
			id: newId(),
			surveyId: sec.surveyId,
			sectionId: sec.id,
			position: Number(n) + 1,
			key,
			type: input.type,
			label: input.label,
			help: input.help,
			required: input.required,
			options: input.options,
			scoring: input.scoring
		})
		.returning();
	await touch(tx, sec.surveyId);
	return q;
}

async function questionOf(tx: Tx | Db, questionId: string): Promise<QuestionRow> {
	const [q] = await tx.select().from(surveyQuestions).where(eq(surveyQuestions.id, questionId));
	if (!q) throw new NotFoundError('survey_question', questionId);
	return q;
}

export async function updateQuestion(db: Db, actor: Actor, questionId: string, raw: unknown): Promise<QuestionRow> {
	requireStaff(actor);
	const input = parseInput(questionInput, raw);
	return db.transaction(async (tx) => {
		const q = await questionOf(tx, questionId);
		await lockDraft(tx, q.surveyId);
		const key = input.key ? await freeKey(tx, q.surveyId, input.key, input.label, q.id) : q.key;
		const [u] = await tx
			.update(surveyQuestions)
			.set({ key, type: input.type, label: input.label, help: input.help, required: input.required, options: input.options, scoring: input.scoring ?? q.scoring, updatedAt: new Date() })
			.where(eq(surveyQuestions.id, questionId))
			.returning();
		await touch(tx, q.surveyId);
		return u;
	});
}

export async function removeQuestion(db: Db, actor: Actor, questionId: string): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const q = await questionOf(tx, questionId);
		await lockDraft(tx, q.surveyId);
		await tx.delete(surveyQuestions).where(eq(surveyQuestions.id, questionId));
		await renumber(tx, 'questions', q.sectionId);
		await touch(tx, q.surveyId);
	});
}

/** Moves a question one place up or down within its section, or to the end/start of the next/previous section. */
export async function moveQuestion(db: Db, actor: Actor, questionId: string, direction: 'up' | 'down'): Promise<void> {
	requireStaff(actor);
	await db.transaction(async (tx) => {
		const q = await questionOf(tx, questionId);
		await lockDraft(tx, q.surveyId);
		const siblings = await tx.select({ id: surveyQuestions.id }).from(surveyQuestions).where(eq(surveyQuestions.sectionId, q.sectionId)).orderBy(asc(surveyQuestions.position));
		const ids = siblings.map((r) => r.id);
		const i = ids.indexOf(questionId);
		const j = direction === 'up' ? i - 1 : i + 1;
		if (j >= 0 && j < ids.length) {
			[ids[i], ids[j]] = [ids[j], ids[i]];
			for (let k = 0; k < ids.length; k++) await tx.update(surveyQuestions).set({ position: k }).where(eq(surveyQuestions.id, ids[k]));
		} else {
			// Past the edge of its section: into the neighbouring section, if any.
			const sections = await tx.select({ id: surveySections.id }).from(surveySections).where(eq(surveySections.surveyId, q.surveyId)).orderBy(asc(surveySections.position));
			const si = sections.findIndex((s) => s.id === q.sectionId);
			const target = sections[direction === 'up' ? si - 1 : si + 1];
			if (!target) return;
			const targetIds = (await tx.select({ id: surveyQuestions.id }).from(surveyQuestions).where(eq(surveyQuestions.sectionId, target.id)).orderBy(asc(surveyQuestions.position))).map((r) => r.id);
			if (direction === 'up') targetIds.push(questionId);
			else targetIds.unshift(questionId);
			await tx.update(surveyQuestions).set({ sectionId: target.id }).where(eq(surveyQuestions.id, questionId));
			for (let k = 0; k < targetIds.length; k++) await tx.update(surveyQuestions).set({ position: k }).where(eq(surveyQuestions.id, targetIds[k]));
			await renumber(tx, 'questions', q.sectionId);
		}
		await touch(tx, q.surveyId);
	});
}

/** A whole survey as templates and barometer editions describe it. */
export interface SurveyDefinitionInput {
	survey: Record<string, unknown>;
	sections: { title: string; description?: string | null; questions: (Record<string, unknown> & { key?: string; type: string; label: string; options?: QuestionOptions; scoring?: QuestionScoring | null })[] }[];
	settings?: SurveySettings;
}

/**
 * Creates a draft survey with its sections and questions in one transaction (templates, a new
 * barometer edition). Question `options` may be given as the stored shape; issues name
 * `sections.<i>.questions.<j>.<field>`.
 */
export async function createSurveyFromDefinition(db: Db, actor: Actor, def: SurveyDefinitionInput): Promise<SurveyDefinition> {
	requireStaff(actor);
	const input = parseInput(surveyInput, def.survey);
	const issues: FieldIssue[] = [];
	const sections = def.sections.map((sec, i) => {
		const title = String(sec.title ?? '').trim();
		if (!title) issues.push({ path: `sections.${i}.title`, message: 'error_required' });
		const questions = sec.questions.map((q, j) => {
			const r = questionInput.safeParse({ ...q, ...(q.options ?? {}) });
			if (!r.success) {
				for (const iss of r.error.issues) issues.push({ path: `sections.${i}.questions.${j}.${iss.path.join('.') || '_'}`, message: iss.message.startsWith('error_') || iss.message.startsWith('surveys_') ? iss.message : 'error_invalid' });
				return null;
			}
			return r.data;
		});
		return { title, description: sec.description ?? null, questions };
	});
	if (issues.length) throw new InvalidError(issues);
	return db.transaction(async (tx) => {
		const [s] = await tx
			.insert(surveys)
			.values({ id: newId(), ...surveyValues(input, def.settings), createdBy: actor.id })
			.returning();
		for (let i = 0; i < sections.length; i++) {
			const [sec] = await tx
				.insert(surveySections)
				.values({ id: newId(), surveyId: s.id, position: i, title: sections[i].title, description: sections[i].description })
				.returning();
			for (const q of sections[i].questions) await insertQuestion(tx, sec, q!);
		}
		return definitionOf(tx, s);
	});
}

// ---------------------------------------------------------------- sending, reminders, closing

interface Recipient {
	scope: 'person' | 'organization';
	personId: string | null;
	organizationId: string;
	name: string;
	email: string;
	locale: string;
}

/** Who a survey goes to: every contact with an e-mail of the segment's organizations, or each one's main contact. */
async function recipientsOf(db: Db, actor: Actor, audience: SurveyRow['audience'], filter: unknown): Promise<{ recipients: Recipient[]; withoutEmail: number }> {
	const orgs: { id: string; email: string | null; name: string }[] = [];
	for await (const o of iterateOrganizations(db, actor, filter)) orgs.push({ id: o.id, email: o.email, name: o.name });
	const contacts = await listContactsWithEmail(
		db,
		actor,
		orgs.map((o) => o.id)
	);
	const byOrg = new Map<string, typeof contacts>();
	for (const c of contacts) byOrg.set(c.organizationId, [...(byOrg.get(c.organizationId) ?? []), c]);
	const recipients: Recipient[] = [];
	let withoutEmail = 0;
	const seen = new Set<string>();
	for (const o of orgs) {
		const people = byOrg.get(o.id) ?? [];
		if (audience === 'organizations') {
			const main = people[0];
			if (main) recipients.push({ scope: 'organization', personId: main.id, organizationId: o.id, name: `${main.firstName} ${main.lastName}`.trim(), email: main.email, locale: main.locale === 'en' ? 'en' : 'fr' });
			else if (o.email?.trim()) recipients.push({ scope: 'organization', personId: null, organizationId: o.id, name: o.name, email: o.email.trim().toLowerCase(), locale: 'fr' });
			else withoutEmail++;
		} else {
			if (!people.length) withoutEmail++;
			for (const p of people) {
				// The same address listed twice (two records of one person) gets one link.
				if (seen.has(p.email)) continue;
				seen.add(p.email);
				recipients.push({ scope: 'person', personId: p.id, organizationId: o.id, name: `${p.firstName} ${p.lastName}`.trim(), email: p.email, locale: p.locale === 'en' ? 'en' : 'fr' });
			}
		}
	}
	return { recipients, withoutEmail };
}

/** How many a send would reach, for the page before sending. */
export async function previewRecipients(db: Db, actor: Actor, surveyId: string, segmentId: string): Promise<{ recipients: number; withoutEmail: number }> {
	requireStaff(actor);
	const s = await surveyRow(db, surveyId);
	const segment = (await listSegments(db, actor)).find((g) => g.id === segmentId);
	if (!segment) throw new NotFoundError('segment', segmentId);
	const { recipients, withoutEmail } = await recipientsOf(db, actor, s.audience, segment.filter);
	return { recipients: recipients.length, withoutEmail };
}

/**
 * Sends a draft survey to a segment: one invitation (personal link) per contact, or per organization
 * to its main contact, and its e-mail queued, in one transaction; the survey opens.
 */
export async function sendSurvey(db: Db, actor: Actor, surveyId: string, raw: unknown, ctx: MailContext): Promise<{ invited: number; withoutEmail: number }> {
	requireStaff(actor);
	const input = parseInput(sendInput, raw);
	const segment = (await listSegments(db, actor)).find((g) => g.id === input.segmentId);
	if (!segment) throw new InvalidError([{ path: 'segmentId', message: 'error_surveys_segment_unknown' }]);
	const current = await surveyRow(db, surveyId);
	assertDraft(current);
	const { recipients, withoutEmail } = await recipientsOf(db, actor, current.audience, segment.filter);
	if (!recipients.length) throw new InvalidError([{ path: 'segmentId', message: 'error_surveys_segment_empty' }]);
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const s = await lockDraft(tx, surveyId);
		const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id));
		if (Number(n) === 0) throw new InvalidError([{ path: 'segmentId', message: 'error_surveys_no_questions' }]);
		if (s.closesAt && s.closesAt <= new Date()) throw new InvalidError([{ path: 'closesAt', message: 'error_surveys_closes_past' }]);
		const now = new Date();
		const [opened] = await tx
			.update(surveys)
			.set({ status: 'open', sentAt: now, segmentId: segment.id, segmentName: segment.name, updatedAt: now })
			.where(eq(surveys.id, s.id))
			.returning();
		for (const r of recipients) {
			const [inv] = await tx
				.insert(surveyInvitations)
				.values({ id: newId(), surveyId: s.id, scope: r.scope, personId: r.personId, organizationId: r.organizationId, name: r.name, email: r.email, locale: r.locale, token: newToken(), sentAt: now })
				.returning();
			await queueInvitationMail(tx, 'invitation', inv, opened, cluster, ctx);
		}
		await scheduleAutoReminder(tx, opened);
		return { invited: recipients.length, withoutEmail };
	});
}

async function queueInvitationMail(tx: Tx | Db, kind: 'invitation' | 'reminder', inv: InvitationRow, s: SurveyRow, cluster: { name: string; primaryColor?: string }, ctx: MailContext) {
	const locale = (inv.locale === 'en' ? 'en' : 'fr') as Locale;
	const url = `${ctx.baseUrl}/survey/${inv.token}`;
	const paragraphs = [t(`surveys_mail_${kind}_body`, { name: inv.name ?? '', cluster: cluster.name, title: s.title }, locale)];
	if (s.description) paragraphs.push(s.description);
	if (s.audience === 'organizations') paragraphs.push(t('surveys_mail_one_per_organization', {}, locale));
	if (s.anonymous) paragraphs.push(t('surveys_mail_anonymous', {}, locale));
	if (s.closesAt) paragraphs.push(t('surveys_mail_closes', { date: formatEventDateTime(s.closesAt, locale) }, locale));
	paragraphs.push(t('surveys_mail_personal_link', {}, locale));
	const { html, text } = renderMail({
		clusterName: cluster.name,
		color: cluster.primaryColor,
		heading: s.title,
		paragraphs,
		action: { label: t('surveys_mail_action', {}, locale), url },
		footer: t('surveys_mail_footer', { cluster: cluster.name }, locale)
	});
	await queueMail(tx as Pick<Db, 'insert'>, { to: inv.email, subject: t(`surveys_mail_${kind}_subject`, { title: s.title, cluster: cluster.name }, locale), text, html });
}

/** Queues the automatic reminder N days before closing (a job for an old closing date does nothing). */
async function scheduleAutoReminder(tx: Tx | Db, s: SurveyRow) {
	if (s.status !== 'open' || !s.closesAt || !s.reminderDaysBefore) return;
	const runAt = new Date(Math.max(Date.now(), s.closesAt.getTime() - s.reminderDaysBefore * 86_400_000));
	await enqueue(tx as Db, REMINDER_JOB, { surveyId: s.id, closesAt: s.closesAt.toISOString(), reminderDaysBefore: s.reminderDaysBefore }, { runAt });
}

/** Reminds everyone invited who has not completed; returns how many. */
export async function remindSurvey(db: Db, actor: Actor, surveyId: string, ctx: MailContext): Promise<number> {
	requireStaff(actor);
	return (await sendReminders(db, surveyId, ctx)) ?? 0;
}

/**
 * Reminds those who have not completed, in one transaction. With `claim` (the automatic reminder)
 * the survey's `auto_reminder_sent_at` is claimed in that same transaction, so a failure while
 * queueing leaves it unclaimed and the job's retry sends it; null when already claimed or changed.
 */
async function sendReminders(db: Db, surveyId: string, ctx: MailContext, claim?: { closesAt: string; reminderDaysBefore: number }): Promise<number | null> {
	const cluster = await getClusterSettings(db);
	return db.transaction(async (tx) => {
		const [s] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('update');
		if (!s) throw new NotFoundError('survey', surveyId);
		const now = new Date();
		if (claim) {
			// Claimed in one statement, so two workers (or a changed date's two jobs) never remind twice.
			const [claimed] = await tx
				.update(surveys)
				.set({ autoReminderSentAt: now })
				.where(
					and(
						eq(surveys.id, surveyId),
						eq(surveys.status, 'open'),
						sql`${surveys.closesAt} = ${claim.closesAt}::timestamptz`,
						eq(surveys.reminderDaysBefore, claim.reminderDaysBefore),
						sql`${surveys.autoReminderSentAt} is null`,
						sql`${surveys.closesAt} > now()`
					)
				)
				.returning({ id: surveys.id });
			if (!claimed) return null;
		}
		if (!isAnswerable(s)) throw new ConflictError('error_surveys_not_open');
		const pending = await tx
			.update(surveyInvitations)
			.set({ remindedAt: now, reminderCount: sql`${surveyInvitations.reminderCount} + 1` })
			.where(and(eq(surveyInvitations.surveyId, surveyId), sql`${surveyInvitations.completedAt} is null`))
			.returning();
		for (const inv of pending) await queueInvitationMail(tx, 'reminder', inv, s, cluster, ctx);
		await tx.update(surveys).set({ lastReminderAt: now }).where(eq(surveys.id, surveyId));
		return pending.length;
	});
}

export function surveyReminderJobHandler(baseUrl: string): JobHandler {
	return async (job, db) => {
		const { surveyId, closesAt, reminderDaysBefore } = job.payload as { surveyId: string; closesAt: string; reminderDaysBefore: number };
		const sent = await sendReminders(db, surveyId, { baseUrl }, { closesAt, reminderDaysBefore });
		return sent === null ? { sent: 0, skipped: 'changed' } : { sent };
	};
}

export async function closeSurvey(db: Db, actor: Actor, surveyId: string): Promise<void> {
	requireStaff(actor);
	const s = await surveyRow(db, surveyId);
	if (s.status !== 'open') throw new ConflictError('error_surveys_not_open');
	await db.update(surveys).set({ status: 'closed', closedAt: new Date(), updatedAt: new Date() }).where(eq(surveys.id, surveyId));
}

export interface InvitationStats {
	invited: number;
	opened: number;
	completed: number;
	reminded: number;
}

export async function invitationStats(db: Db, actor: Actor, surveyId: string): Promise<InvitationStats> {
	requireStaff(actor);
	const [r] = await queryRows<Record<string, number>>(
		db,
		sql`select count(*)::int as invited, count(opened_at)::int as opened, count(completed_at)::int as completed, count(reminded_at)::int as reminded from survey_invitations where survey_id = ${surveyId}`
	);
	return { invited: Number(r.invited), opened: Number(r.opened), completed: Number(r.completed), reminded: Number(r.reminded) };
}

/** What the team sees of an invitation: never its token (the personal link is the respondent's alone). */
export type InvitationSummary = Pick<InvitationRow, 'id' | 'name' | 'email' | 'scope' | 'sentAt' | 'openedAt' | 'completedAt' | 'remindedAt' | 'reminderCount'>;

/** Who was invited and whether they completed (never what they answered when anonymous, never the link). */
export async function listInvitations(db: Db, actor: Actor, surveyId: string): Promise<InvitationSummary[]> {
	requireStaff(actor);
	const i = surveyInvitations;
	return db
		.select({ id: i.id, name: i.name, email: i.email, scope: i.scope, sentAt: i.sentAt, openedAt: i.openedAt, completedAt: i.completedAt, remindedAt: i.remindedAt, reminderCount: i.reminderCount })
		.from(i)
		.where(eq(i.surveyId, surveyId))
		.orderBy(asc(i.email));
}

// ---------------------------------------------------------------- answering

export interface RespondentView {
	definition: SurveyDefinition;
	invitation: Pick<InvitationRow, 'id' | 'name' | 'scope' | 'locale' | 'completedAt'>;
	/** open: may answer; closed: the closing date passed or the team closed it */
	state: 'open' | 'closed';
	/** the response being filled in or submitted (never found again for a submitted anonymous one) */
	response: { id: string; status: 'in_progress' | 'submitted'; submittedAt: Date | null } | null;
	answers: Record<string, AnswerValue>;
	/** anonymous and submitted: the answers are no longer linked to this link */
	submittedAnonymously: boolean;
}

async function invitationByToken(db: Db | Tx, token: string): Promise<InvitationRow> {
	if (!token || token.length > 100) throw new NotFoundError('survey_invitation');
	const [inv] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.token, token));
	if (!inv) throw new NotFoundError('survey_invitation');
	return inv;
}

async function answersOf(db: Db | Tx, responseId: string): Promise<Record<string, AnswerValue>> {
	const rows = await db.select({ q: surveyAnswers.questionId, v: surveyAnswers.value }).from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId));
	return Object.fromEntries(rows.map((r) => [r.q, r.v]));
}

/** What a personal link shows; the first visit is recorded. */
export async function openInvitation(db: Db, token: string): Promise<RespondentView> {
	const inv = await invitationByToken(db, token);
	if (!inv.openedAt) await db.update(surveyInvitations).set({ openedAt: new Date() }).where(and(eq(surveyInvitations.id, inv.id), sql`opened_at is null`));
	const s = await surveyRow(db, inv.surveyId);
	if (s.status === 'draft') throw new NotFoundError('survey_invitation');
	const [resp] = await db.select().from(surveyResponses).where(eq(surveyResponses.invitationId, inv.id));
	return {
		definition: await definitionOf(db, s),
		invitation: { id: inv.id, name: inv.name, scope: inv.scope, locale: inv.locale, completedAt: inv.completedAt },
		state: isAnswerable(s) ? 'open' : 'closed',
		response: resp ? { id: resp.id, status: resp.status, submittedAt: resp.submittedAt } : null,
		answers: resp ? await answersOf(db, resp.id) : {},
		submittedAnonymously: s.anonymous && !!inv.completedAt
	};
}

/** Raw values as a form posts them: `q.<id>` (several for multiple), `q.<id>.other`, `q.<id>.<rowKey>`. */
export type RawAnswers = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);

/**
 * One question's value from the posted fields: null when left empty, or an issue key when the value
 * is not one the question accepts (a choice that does not exist, a number out of range).
 */
export function parseAnswer(q: Pick<QuestionRow, 'id' | 'type' | 'options'>, raw: RawAnswers): { value: AnswerValue | null } | { issue: string; params?: Record<string, string | number> } {
	const name = `q.${q.id}`;
	const o = q.options ?? {};
	const keys = new Set((o.choices ?? []).map((c) => c.key));
	switch (q.type) {
		case 'single': {
			const choice = first(raw[name]);
			const other = first(raw[`${name}.other`]).slice(0, 500);
			if (!choice) return { value: null };
			if (choice === '_other' && o.allowOther) return other ? { value: { choice, other } } : { issue: 'error_surveys_other_empty' };
			if (!keys.has(choice)) return { issue: 'error_invalid_choice' };
			return { value: { choice } };
		}
		case 'multiple': {
			const choices = [...new Set(all(raw[name]))];
			const other = first(raw[`${name}.other`]).slice(0, 500);
			if (!choices.length) return { value: null };
			for (const c of choices) if (!keys.has(c) && !(c === '_other' && o.allowOther)) return { issue: 'error_invalid_choice' };
			if (o.maxChoices && choices.length > o.maxChoices) return { issue: 'error_surveys_too_many_answers', params: { max: o.maxChoices } };
			if (choices.includes('_other') && !other) return { issue: 'error_surveys_other_empty' };
			return { value: choices.includes('_other') ? { choices, other } : { choices } };
		}
		case 'scale':
		case 'number': {
			const text = first(raw[name]).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
			if (!text) return { value: null };
			const n = Number(text);
			if (!Number.isFinite(n)) return { issue: 'error_number' };
			if (q.type === 'scale' && (!Number.isInteger(n) || n < (o.min ?? 0) || n > (o.max ?? 10))) return { issue: 'error_surveys_out_of_range', params: { min: o.min ?? 0, max: o.max ?? 10 } };
			if (q.type === 'number') {
				if (o.integer && !Number.isInteger(n)) return { issue: 'error_surveys_integer' };
				if ((o.min != null && n < o.min) || (o.max != null && n > o.max)) return { issue: 'error_surveys_out_of_range', params: { min: o.min ?? '–', max: o.max ?? '–' } };
			}
			return { value: { number: n } };
		}
		case 'short_text':
		case 'long_text': {
			const text = (Array.isArray(raw[name]) ? raw[name]![0] : (raw[name] as string | undefined)) ?? '';
			const trimmed = text.replace(/\r\n/g, '\n').trim();
			if (!trimmed) return { value: null };
			const max = o.maxLength ?? (q.type === 'short_text' ? 500 : 10000);
			if (trimmed.length > max) return { issue: 'error_too_long', params: { max } };
			return { value: { text: trimmed } };
		}
		case 'matrix': {
			const cols = new Set((o.columns ?? []).map((c) => c.key));
			const rows: Record<string, string> = {};
			for (const r of o.rows ?? []) {
				const c = first(raw[`${name}.${r.key}`]);
				if (!c) continue;
				if (!cols.has(c)) return { issue: 'error_invalid_choice' };
				rows[r.key] = c;
			}
			return { value: Object.keys(rows).length ? { rows } : null };
		}
	}
	return { issue: 'error_invalid' };
}

/** Whether a matrix answer leaves a row out (a required matrix needs every row). */
function incomplete(q: QuestionRow, v: AnswerValue | null): boolean {
	if (!v) return true;
	if (q.type === 'matrix') return (q.options.rows ?? []).some((r) => !(v as { rows: Record<string, string> }).rows[r.key]);
	return false;
}

/** The answerable invitation and its response (created on the first save), locked for the rest of the transaction. */
async function openResponse(tx: Tx, token: string): Promise<{ inv: InvitationRow; s: SurveyRow; resp: ResponseRow }> {
	const inv = await invitationByToken(tx, token);
	const [s] = await tx.select().from(surveys).where(eq(surveys.id, inv.surveyId));
	if (!s || s.status === 'draft') throw new NotFoundError('survey_invitation');
	if (!isAnswerable(s)) throw new ConflictError('error_surveys_closed');
	// Lock the invitation: two tabs of one link (or two colleagues of one organization) fill one response.
	await tx.select({ id: surveyInvitations.id }).from(surveyInvitations).where(eq(surveyInvitations.id, inv.id)).for('update');
	const [fresh] = await tx.select().from(surveyInvitations).where(eq(surveyInvitations.id, inv.id));
	if (s.anonymous && fresh.completedAt) throw new ConflictError('error_surveys_already_submitted_anonymous');
	let [resp] = await tx.select().from(surveyResponses).where(eq(surveyResponses.invitationId, inv.id));
	if (!resp) {
		[resp] = await tx
			.insert(surveyResponses)
			.values({
				id: newId(),
				surveyId: s.id,
				invitationId: inv.id,
				organizationId: s.anonymous ? null : inv.organizationId,
				personId: s.anonymous || inv.scope === 'organization' ? null : inv.personId
			})
			.returning();
	}
	return { inv: fresh, s, resp };
}

export interface SaveResult {
	/** issues per field name (`q.<id>`), not saved */
	issues: FieldIssue[];
	saved: number;
	savedAt: Date;
}

/**
 * Saves the answers of the questions listed (a section's, or a single field's for autosave): an
 * empty field erases the answer. Values a question does not accept are not saved and come back as
 * issues; with `checkRequired`, unanswered required questions too (moving on from a section).
 */
export async function saveAnswers(db: Db, token: string, questionIds: string[], raw: RawAnswers, opts: { checkRequired?: boolean } = {}): Promise<SaveResult> {
	return db.transaction(async (tx) => {
		const { s, resp } = await openResponse(tx, token);
		const questions = (await tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id))).filter((q) => questionIds.includes(q.id));
		const issues: FieldIssue[] = [];
		const now = new Date();
		let saved = 0;
		for (const q of questions) {
			const r = parseAnswer(q, raw);
			if ('issue' in r) {
				issues.push({ path: `q.${q.id}`, message: r.issue, ...(r.params ? { params: r.params } : {}) });
				continue;
			}
			if (q.required && incomplete(q, r.value) && (opts.checkRequired || resp.status === 'submitted')) {
				issues.push({ path: `q.${q.id}`, message: q.type === 'matrix' && r.value ? 'error_surveys_matrix_rows' : 'error_surveys_answer_required' });
				// A submitted response keeps its required answers; a draft keeps what was typed.
				if (resp.status === 'submitted') continue;
			}
			if (r.value === null) await tx.delete(surveyAnswers).where(and(eq(surveyAnswers.responseId, resp.id), eq(surveyAnswers.questionId, q.id)));
			else
				await tx
					.insert(surveyAnswers)
					.values({ id: newId(), responseId: resp.id, questionId: q.id, value: r.value, updatedAt: now })
					.onConflictDoUpdate({ target: [surveyAnswers.responseId, surveyAnswers.questionId], set: { value: r.value, updatedAt: now } });
			saved++;
		}
		await tx.update(surveyResponses).set({ updatedAt: now }).where(eq(surveyResponses.id, resp.id));
		return { issues, saved, savedAt: now };
	});
}

const dayOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * Submits the response once every required question is answered (issues name the missing ones).
 * Anonymous: the answers move to a new response with no invitation, organization or person and
 * day-only dates, the draft is deleted, and the invitation only records that it was completed.
 */
export async function submitResponse(db: Db, token: string): Promise<{ anonymous: boolean }> {
	// Read before the transaction: PGlite has one connection, a read outside it would wait for it.
	const invitation = await invitationByToken(db, token);
	const survey = await surveyRow(db, invitation.surveyId);
	const attributes = survey.captureAttributes && invitation.organizationId ? await attributesOf(db, invitation.organizationId) : {};
	return db.transaction(async (tx) => {
		const { inv, s, resp } = await openResponse(tx, token);
		const questions = await tx.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, s.id)).orderBy(asc(surveyQuestions.position));
		const answers = await answersOf(tx, resp.id);
		const missing = questions.filter((q) => q.required && incomplete(q, answers[q.id] ?? null));
		if (missing.length) throw new InvalidError(missing.map((q) => ({ path: `q.${q.id}`, message: 'error_surveys_answer_required' })));
		const now = new Date();
		if (s.anonymous) {
			const day = dayOf(now);
			const id = newId();
			await tx.insert(surveyResponses).values({ id, surveyId: s.id, invitationId: null, organizationId: null, personId: null, attributes, status: 'submitted', startedAt: day, updatedAt: day, submittedAt: day });
			const rows = Object.entries(answers).map(([questionId, value]) => ({ id: newId(), responseId: id, questionId, value, updatedAt: day }));
			if (rows.length) await tx.insert(surveyAnswers).values(rows);
			await tx.delete(surveyResponses).where(eq(surveyResponses.id, resp.id));
		} else {
			await tx
				.update(surveyResponses)
				.set({ status: 'submitted', attributes, submittedAt: resp.submittedAt ?? now, updatedAt: now })
				.where(eq(surveyResponses.id, resp.id));
		}
		// Anonymous: the invitation keeps the day only, like the response, so the two cannot be matched by time.
		if (!inv.completedAt) await tx.update(surveyInvitations).set({ completedAt: s.anonymous ? dayOf(now) : now }).where(eq(surveyInvitations.id, inv.id));
		return { anonymous: s.anonymous };
	});
}

/** The organization's size band, département and status, read through the CRM. */
async function attributesOf(db: Db, organizationId: string): Promise<ResponseAttributes> {
	try {
		const o = await getOrganization(db, { id: null, role: 'admin', label: 'surveys' }, organizationId);
		return { sizeBand: o.sizeBand, departementCode: o.departementCode, organizationStatus: o.status };
	} catch (e) {
		if (e instanceof NotFoundError) return {};
		throw e;
	}
}

// ---------------------------------------------------------------- results

export interface ChoiceCount {
	key: string;
	label: string;
	count: number;
	/** of the responses that answered the question */
	percent: number;
}

export type QuestionResult =
	| { question: QuestionRow; kind: 'choices'; answered: number; counts: ChoiceCount[]; others: string[] }
	| { question: QuestionRow; kind: 'scale'; answered: number; counts: ChoiceCount[]; average: number | null }
	| { question: QuestionRow; kind: 'number'; answered: number; average: number | null; median: number | null; min: number | null; max: number | null; sum: number }
	| { question: QuestionRow; kind: 'text'; answered: number; texts: string[] }
	| { question: QuestionRow; kind: 'matrix'; answered: number; rows: { key: string; label: string; answered: number; counts: ChoiceCount[] }[] };

export interface SurveyResults {
	definition: SurveyDefinition;
	filter: ResultsFilter;
	/** submitted responses matching the filter */
	responses: number;
	invited: number;
	completed: number;
	/** completed / invited, 0–100, null when nobody was invited */
	responseRate: number | null;
	questions: QuestionResult[];
	/** values seen in the captured attributes, for the filters' selects */
	facets: { sizeBand: string[]; departementCode: string[]; organizationStatus: string[] };
	/**
	 * Anonymous survey filtered down to fewer than MIN_ANONYMOUS_GROUP responses: no figure is given
	 * (responses 0, no questions), since so few answers of one size band or département could be recognised.
	 */
	withheld: boolean;
}

/** Below this many responses, a filtered view of an anonymous survey shows no figures. */
export const MIN_ANONYMOUS_GROUP = 5;

const isFiltered = (f: ResultsFilter) => !!(f.sizeBand || f.departementCode || f.organizationStatus);

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);

function filterSql(f: ResultsFilter) {
	const parts = [sql`r.status = 'submitted'`];
	if (f.sizeBand) parts.push(sql`r.attributes->>'sizeBand' = ${f.sizeBand}`);
	if (f.departementCode) parts.push(sql`r.attributes->>'departementCode' = ${f.departementCode}`);
	if (f.organizationStatus) parts.push(sql`r.attributes->>'organizationStatus' = ${f.organizationStatus}`);
	return sql.join(parts, sql` and `);
}

/** Figures per question of the submitted responses (filtered by captured attributes). */
export async function computeResults(db: Db, actor: Actor, surveyId: string, rawFilter: unknown = {}): Promise<SurveyResults> {
	requireStaff(actor);
	const filter = parseInput(resultsFilter, rawFilter ?? {});
	const definition = await definitionOf(db, await surveyRow(db, surveyId));
	const where = filterSql(filter);
	const [answerRows, [counts], facetRows, stats] = await Promise.all([
		queryRows<{ question_id: string; value: AnswerValue }>(db, sql`select a.question_id, a.value from survey_answers a join survey_responses r on r.id = a.response_id where r.survey_id = ${surveyId} and ${where}`),
		queryRows<{ n: number }>(db, sql`select count(*)::int as n from survey_responses r where r.survey_id = ${surveyId} and ${where}`),
		queryRows<{ k: string; v: string }>(
			db,
			sql`select distinct k, v from (select 'sizeBand' as k, attributes->>'sizeBand' as v from survey_responses where survey_id = ${surveyId} and status = 'submitted'
				union all select 'departementCode', attributes->>'departementCode' from survey_responses where survey_id = ${surveyId} and status = 'submitted'
				union all select 'organizationStatus', attributes->>'organizationStatus' from survey_responses where survey_id = ${surveyId} and status = 'submitted') x where v is not null order by k, v`
		),
		invitationStats(db, actor, surveyId)
	]);
	const byQuestion = new Map<string, AnswerValue[]>();
	for (const a of answerRows) byQuestion.set(a.question_id, [...(byQuestion.get(a.question_id) ?? []), a.value]);
	const questions = definition.sections.flatMap((sec) => sec.questions).map((q) => resultOf(q, byQuestion.get(q.id) ?? []));
	const facets = { sizeBand: [] as string[], departementCode: [] as string[], organizationStatus: [] as string[] };
	for (const f of facetRows) facets[f.k as keyof typeof facets]?.push(f.v);
	const responses = Number(counts.n);
	const withheld = definition.survey.anonymous && isFiltered(filter) && responses > 0 && responses < MIN_ANONYMOUS_GROUP;
	return {
		definition,
		filter,
		responses: withheld ? 0 : responses,
		invited: stats.invited,
		completed: stats.completed,
		responseRate: stats.invited ? pct(stats.completed, stats.invited) : null,
		questions: withheld ? [] : questions,
		facets,
		withheld
	};
}

/** One question's figures from its answers (exported for barometer comparisons). */
export function resultOf(q: QuestionRow, values: AnswerValue[]): QuestionResult {
	const o = q.options ?? {};
	const answered = values.length;
	if (q.type === 'single' || q.type === 'multiple') {
		const tally = new Map<string, number>();
		const others: string[] = [];
		for (const v of values) {
			const keys = 'choices' in v ? v.choices : 'choice' in v ? [v.choice] : [];
			for (const k of keys) tally.set(k, (tally.get(k) ?? 0) + 1);
			if ('other' in v && v.other) others.push(v.other);
		}
		const list = [...(o.choices ?? []), ...(o.allowOther ? [{ key: '_other', label: '' }] : [])];
		return { question: q, kind: 'choices', answered, counts: list.map((c) => ({ key: c.key, label: c.label, count: tally.get(c.key) ?? 0, percent: pct(tally.get(c.key) ?? 0, answered) })), others };
	}
	if (q.type === 'scale') {
		const nums = values.map((v) => ('number' in v ? v.number : NaN)).filter((n) => Number.isFinite(n));
		const counts: ChoiceCount[] = [];
		for (let i = o.min ?? 0; i <= (o.max ?? 10); i++) {
			const c = nums.filter((n) => n === i).length;
			counts.push({ key: String(i), label: String(i), count: c, percent: pct(c, nums.length) });
		}
		return { question: q, kind: 'scale', answered: nums.length, counts, average: nums.length ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100 : null };
	}
	if (q.type === 'number') {
		const nums = values.map((v) => ('number' in v ? v.number : NaN)).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
		const sum = nums.reduce((a, b) => a + b, 0);
		const median = nums.length ? (nums.length % 2 ? nums[(nums.length - 1) / 2] : (nums[nums.length / 2 - 1] + nums[nums.length / 2]) / 2) : null;
		return { question: q, kind: 'number', answered: nums.length, average: nums.length ? Math.round((sum / nums.length) * 100) / 100 : null, median, min: nums[0] ?? null, max: nums.at(-1) ?? null, sum };
	}
	if (q.type === 'matrix') {
		const rows = (o.rows ?? []).map((r) => {
			const chosen = values.map((v) => ('rows' in v ? v.rows[r.key] : undefined)).filter(Boolean) as string[];
			return {
				key: r.key,
				label: r.label,
				answered: chosen.length,
				counts: (o.columns ?? []).map((c) => {
					const n = chosen.filter((x) => x === c.key).length;
					return { key: c.key, label: c.label, count: n, percent: pct(n, chosen.length) };
				})
			};
		});
		return { question: q, kind: 'matrix', answered, rows };
	}
	return { question: q, kind: 'text', answered, texts: values.map((v) => ('text' in v ? v.text : '')).filter(Boolean) };
}

export interface ResponseWithAnswers {
	id: string;
	number: number;
	submittedAt: Date | null;
	organizationId: string | null;
	organizationName: string | null;
	respondentName: string | null;
	respondentEmail: string | null;
	attributes: ResponseAttributes;
	answers: Record<string, AnswerValue>;
}

/** The submitted responses with their answers, oldest first (who answered only when not anonymous). */
export async function listResponses(db: Db, actor: Actor, surveyId: string, rawFilter: unknown = {}): Promise<ResponseWithAnswers[]> {
	requireStaff(actor);
	const filter = parseInput(resultsFilter, rawFilter ?? {});
	const survey = await surveyRow(db, surveyId);
	const where = filterSql(filter);
	const rows = await queryRows<{ id: string; submitted_at: string | Date | null; organization_id: string | null; organization_name: string | null; name: string | null; email: string | null; attributes: ResponseAttributes }>(
		db,
		sql`select r.id, r.submitted_at, r.organization_id, o.name as organization_name, i.name, i.email, r.attributes
			from survey_responses r
			left join organizations o on o.id = r.organization_id
			left join survey_invitations i on i.id = r.invitation_id
			where r.survey_id = ${surveyId} and ${where}
			order by r.submitted_at, r.id`
	);
	// Same rule as the results: a filtered handful of anonymous answers is not handed out.
	if (survey.anonymous && isFiltered(filter) && rows.length > 0 && rows.length < MIN_ANONYMOUS_GROUP) throw new ConflictError('error_surveys_results_withheld');
	const ids = rows.map((r) => r.id);
	const answers = ids.length ? await db.select().from(surveyAnswers).where(inArray(surveyAnswers.responseId, ids)) : [];
	const by = new Map<string, Record<string, AnswerValue>>();
	for (const a of answers) by.set(a.responseId, { ...(by.get(a.responseId) ?? {}), [a.questionId]: a.value });
	return rows.map((r, i) => ({
		id: r.id,
		number: i + 1,
		submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
		organizationId: r.organization_id,
		organizationName: r.organization_name,
		respondentName: r.name,
		respondentEmail: r.email,
		attributes: r.attributes ?? {},
		answers: by.get(r.id) ?? {}
	}));
}

/** An answer as one line of text (exports, review): choice labels, "Autre : …", numbers, matrix rows. */
export function answerText(q: Pick<QuestionRow, 'type' | 'options'>, v: AnswerValue | undefined, locale: Locale = 'fr'): string {
	if (!v) return '';
	const label = (key: string, list?: { key: string; label: string }[]) => list?.find((c) => c.key === key)?.label ?? key;
	const other = (text?: string) => `${t('surveys_other', {}, locale)} : ${text ?? ''}`.replace(' : ', locale === 'fr' ? '\u202f: ' : ': ');
	if ('choice' in v) return v.choice === '_other' ? other(v.other) : label(v.choice, q.options.choices);
	if ('choices' in v) return v.choices.map((k) => (k === '_other' ? other(v.other) : label(k, q.options.choices))).join(' ; ');
	if ('number' in v) return String(v.number);
	if ('text' in v) return v.text;
	if ('rows' in v) return (q.options.rows ?? []).map((r) => (v.rows[r.key] ? `${r.label} : ${label(v.rows[r.key], q.options.columns)}` : '')).filter(Boolean).join(' ; ');
	return '';
}

/** A posted form as the answers' raw values: every field's values (several for a multiple choice). */
export function rawAnswersFrom(form: FormData): RawAnswers {
	const out: Record<string, string[]> = {};
	for (const [k, v] of form) if (typeof v === 'string' && k.startsWith('q.')) (out[k] ??= []).push(v);
	return out;
}
