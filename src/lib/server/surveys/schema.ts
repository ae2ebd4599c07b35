// Surveys, barometers (a survey repeated each year) and HR diagnostics, with their action plans.
import { pgTable, text, timestamp, boolean, integer, jsonb, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import { organizations, people, segments } from '../crm/schema';

export type SurveyKind = 'survey' | 'barometer' | 'diagnostic';
export type SurveyStatus = 'draft' | 'open' | 'closed';
export type SurveyAudience = 'contacts' | 'organizations';
export type QuestionType = 'single' | 'multiple' | 'scale' | 'number' | 'short_text' | 'long_text' | 'matrix';

/** A choice of a single/multiple question, or a row/column of a matrix: `key` is stable across editions. */
export interface SurveyChoice {
	key: string;
	label: string;
}

/**
 * What a question offers, by type (the other fields are absent):
 * single/multiple: choices (+ allowOther: a free "Autre" text); multiple: maxChoices;
 * scale: min, max, minLabel, maxLabel; number: min, max, unit, integer;
 * matrix: rows, columns (one column chosen per row); short/long text: maxLength.
 */
export interface QuestionOptions {
	choices?: SurveyChoice[];
	allowOther?: boolean;
	maxChoices?: number;
	min?: number;
	max?: number;
	minLabel?: string;
	maxLabel?: string;
	unit?: string;
	integer?: boolean;
	rows?: SurveyChoice[];
	columns?: SurveyChoice[];
	maxLength?: number;
}

/**
 * How a diagnostic question scores: the dimension it feeds and the points of each choice key
 * (single/multiple: choice key → points; matrix: column key → points, per row; scale: the value
 * itself when `points` is absent). A dimension's score is computed, never stored.
 */
export interface QuestionScoring {
	dimension: string;
	points?: Record<string, number>;
	weight?: number;
}

/**
 * An answer's value, by question type: single: { choice, other? }; multiple: { choices: [], other? };
 * scale/number: { number }; short/long text: { text }; matrix: { rows: { rowKey: columnKey } }.
 */
export type AnswerValue =
	| { choice: string; other?: string }
	| { choices: string[]; other?: string }
	| { number: number }
	| { text: string }
	| { rows: Record<string, string> };

/** Attributes of the respondent's organization captured at submission, for filtering results (also when anonymous). */
export interface ResponseAttributes {
	sizeBand?: string | null;
	departementCode?: string | null;
	/** the CRM organization status (member, prospect, partner…) */
	organizationStatus?: string | null;
}

/** Settings of a survey beyond its columns. */
export interface SurveySettings {
	/** diagnostic: the dimensions scored, in display order */
	dimensions?: { key: string; label: string; description?: string }[];
	/** shown to respondents after submitting */
	thankYou?: string;
}

/** The editions of a barometer (or of any survey repeated) share a series. */
export const surveySeries = pgTable('survey_series', {
	id: text('id').primaryKey(),
	kind: text('kind').$type<SurveyKind>().notNull().default('barometer'),
	title: text('title').notNull(),
	description: text('description'),
	/** the template the series was started from, if any */
	templateKey: text('template_key'),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const surveys = pgTable(
	'surveys',
	{
		id: text('id').primaryKey(),
		title: text('title').notNull(),
		/** the introduction shown to respondents */
		description: text('description'),
		kind: text('kind').$type<SurveyKind>().notNull().default('survey'),
		seriesId: text('series_id').references(() => surveySeries.id, { onDelete: 'set null' }),
		/** e.g. "2026" or "Printemps 2026"; editions are ordered by year then label */
		editionLabel: text('edition_label'),
		editionYear: integer('edition_year'),
		status: text('status').$type<SurveyStatus>().notNull().default('draft'),
		/** contacts: one answer per person; organizations: one answer per organization (sent to its main contact) */
		audience: text('audience').$type<SurveyAudience>().notNull().default('contacts'),
		anonymous: boolean('anonymous').notNull().default(false),
		/** capture size band, département and status of the respondent's organization (told in the introduction) */
		captureAttributes: boolean('capture_attributes').notNull().default(true),
		closesAt: timestamp('closes_at', { withTimezone: true }),
		/** automatic reminder N days before closing to those who have not completed; null: none */
		reminderDaysBefore: integer('reminder_days_before'),
		autoReminderSentAt: timestamp('auto_reminder_sent_at', { withTimezone: true }),
		lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
		/** the CRM segment it was sent to, and its name at the time */
		segmentId: text('segment_id').references(() => segments.id, { onDelete: 'set null' }),
		segmentName: text('segment_name'),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/** the shipped template it was created from (e.g. "recruitment-barometer") */
		templateKey: text('template_key'),
		/** the language the questions are written in */
		locale: text('locale').notNull().default('fr'),
		settings: jsonb('settings').$type<SurveySettings>().notNull().default(sql`'{}'::jsonb`),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('surveys_status_idx').on(t.status, t.createdAt),
		index('surveys_series_idx').on(t.seriesId, t.editionYear),
		index('surveys_kind_idx').on(t.kind)
	]
);

export const surveySections = pgTable(
	'survey_sections',
	{
		id: text('id').primaryKey(),
		surveyId: text('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		description: text('description'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('survey_sections_survey_idx').on(t.surveyId, t.position)]
);

export const surveyQuestions = pgTable(
	'survey_questions',
	{
		id: text('id').primaryKey(),
		surveyId: text('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		sectionId: text('section_id')
			.notNull()
			.references(() => surveySections.id, { onDelete: 'cascade' }),
		/** order within the section */
		position: integer('position').notNull(),
		/** stable key within the survey: the same question in two editions of a series has the same key */
		key: text('key').notNull(),
		type: text('type').$type<QuestionType>().notNull(),
		label: text('label').notNull(),
		help: text('help'),
		required: boolean('required').notNull().default(false),
		options: jsonb('options').$type<QuestionOptions>().notNull().default(sql`'{}'::jsonb`),
		/** diagnostic only */
		scoring: jsonb('scoring').$type<QuestionScoring | null>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('survey_questions_key_key').on(t.surveyId, t.key), index('survey_questions_section_idx').on(t.sectionId, t.position)]
);

/**
 * A personal link. For an anonymous survey it records who completed (for reminders) but no response
 * points to it once submitted: see docs/architecture.md, "Surveys".
 */
export const surveyInvitations = pgTable(
	'survey_invitations',
	{
		id: text('id').primaryKey(),
		surveyId: text('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		/** person: one per contact; organization: one per organization, sent to its main contact */
		scope: text('scope').$type<'person' | 'organization'>().notNull(),
		personId: text('person_id').references(() => people.id, { onDelete: 'set null' }),
		organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
		name: text('name'),
		email: text('email').notNull(),
		locale: text('locale').notNull().default('fr'),
		/** the secret of the personal link /survey/<token> */
		token: text('token').notNull(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		reminderCount: integer('reminder_count').notNull().default(0),
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		openedAt: timestamp('opened_at', { withTimezone: true }),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('survey_invitations_token_key').on(t.token),
		uniqueIndex('survey_invitations_person_key').on(t.surveyId, t.personId).where(sql`scope = 'person' and person_id is not null`),
		uniqueIndex('survey_invitations_organization_key').on(t.surveyId, t.organizationId).where(sql`scope = 'organization' and organization_id is not null`),
		index('survey_invitations_survey_idx').on(t.surveyId, t.completedAt)
	]
);

export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: text('id').primaryKey(),
		surveyId: text('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		/** null for a submitted anonymous response (and for answers typed in by the team) */
		invitationId: text('invitation_id').references(() => surveyInvitations.id, { onDelete: 'set null' }),
		/** null when anonymous */
		organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
		/** null when anonymous */
		personId: text('person_id').references(() => people.id, { onDelete: 'set null' }),
		attributes: jsonb('attributes').$type<ResponseAttributes>().notNull().default(sql`'{}'::jsonb`),
		/** in_progress | submitted */
		status: text('status').$type<'in_progress' | 'submitted'>().notNull().default('in_progress'),
		/** the team member who typed the answers in (e.g. a diagnostic done in a meeting) */
		enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
		/** for anonymous responses the three dates are the day only (no time) so they cannot be matched to an invitation */
		startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		submittedAt: timestamp('submitted_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('survey_responses_invitation_key').on(t.invitationId),
		index('survey_responses_survey_idx').on(t.surveyId, t.status),
		index('survey_responses_organization_idx').on(t.organizationId)
	]
);

export const surveyAnswers = pgTable(
	'survey_answers',
	{
		id: text('id').primaryKey(),
		responseId: text('response_id')
			.notNull()
			.references(() => surveyResponses.id, { onDelete: 'cascade' }),
		questionId: text('question_id')
			.notNull()
			.references(() => surveyQuestions.id, { onDelete: 'cascade' }),
		value: jsonb('value').$type<AnswerValue>().notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('survey_answers_response_question_key').on(t.responseId, t.questionId), index('survey_answers_question_idx').on(t.questionId)]
);

/** An action plan, typically produced from an HR diagnostic and followed up by the team with the member. */
export const actionPlans = pgTable(
	'action_plans',
	{
		id: text('id').primaryKey(),
		/** the diagnostic response it came from (non-anonymous), if any */
		responseId: text('response_id').references(() => surveyResponses.id, { onDelete: 'set null' }),
		surveyId: text('survey_id').references(() => surveys.id, { onDelete: 'set null' }),
		organizationId: text('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		summary: text('summary'),
		/** draft | active | done | archived */
		status: text('status').$type<'draft' | 'active' | 'done' | 'archived'>().notNull().default('draft'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('action_plans_organization_idx').on(t.organizationId), index('action_plans_response_idx').on(t.responseId)]
);

export const actionPlanItems = pgTable(
	'action_plan_items',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => actionPlans.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		detail: text('detail'),
		/** the diagnostic dimension key it answers, if any */
		dimension: text('dimension'),
		/** the owner: a user of Grappe, or a free name (e.g. the member's HR manager) */
		ownerUserId: text('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
		ownerName: text('owner_name'),
		dueDate: date('due_date'),
		/** todo | doing | done */
		status: text('status').$type<'todo' | 'doing' | 'done'>().notNull().default('todo'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('action_plan_items_plan_idx').on(t.planId, t.position), index('action_plan_items_due_idx').on(t.status, t.dueDate)]
);
