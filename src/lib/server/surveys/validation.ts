// Inputs of the survey engine, one zod schema each; messages are i18n keys.
import { z } from 'zod';
import { emptyToNull, looseBoolean, optionalText, requiredText } from '../validation';
import { parisLocalToInstant } from '../dates';
import { normalizeText } from '../text';
import type { QuestionOptions, QuestionScoring, QuestionType, SurveyChoice } from './schema';

export const SURVEY_KINDS = ['survey', 'barometer', 'diagnostic'] as const;
export const SURVEY_AUDIENCES = ['contacts', 'organizations'] as const;
export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'number', 'short_text', 'long_text', 'matrix'] as const satisfies readonly QuestionType[];

/** A stable key from a label: "Très satisfait" → "tres-satisfait". */
export function keyFromLabel(label: string): string {
	return (
		normalizeText(label)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40) || 'x'
	);
}

const optionalInt = (min: number, max: number, message = 'error_surveys_number_range') =>
	z
		.preprocess(
			(v) => {
				if (v === undefined || v === null) return null;
				if (typeof v === 'string') return v.trim() === '' ? null : Number(v.trim().replace(',', '.'));
				return v;
			},
			z.number({ error: 'error_number' }).int({ error: 'error_number' }).min(min, { error: message }).max(max, { error: message }).nullable()
		)
		.transform((v) => v ?? null);

const optionalNumber = z
	.preprocess(
		(v) => {
			if (v === undefined || v === null) return null;
			if (typeof v === 'string') return v.trim() === '' ? null : Number(v.trim().replace(/\s/g, '').replace(',', '.'));
			return v;
		},
		z.number({ error: 'error_number' }).refine((n) => Number.isFinite(n), { error: 'error_number' }).nullable()
	)
	.transform((v) => v ?? null);

const optionalInstant = z
	.preprocess(
		(v) => {
			if (v === undefined || v === null || v === '') return null;
			if (v instanceof Date) return v;
			if (typeof v !== 'string') return v;
			return parisLocalToInstant(v.trim()) ?? 'invalid';
		},
		z.date({ error: 'error_datetime' }).nullable()
	)
	.transform((v) => v ?? null);

export const surveyInput = z.object({
	title: requiredText(200),
	description: optionalText(5000),
	kind: z.preprocess((v) => v || 'survey', z.enum(SURVEY_KINDS)),
	audience: z.preprocess((v) => v || 'contacts', z.enum(SURVEY_AUDIENCES)),
	anonymous: looseBoolean,
	/** checked by default: a form sends "off" in a hidden field before the checkbox */
	captureAttributes: z.preprocess((v) => (v === undefined || v === null ? true : v), looseBoolean),
	closesAt: optionalInstant,
	reminderDaysBefore: optionalInt(1, 60),
	locale: z.preprocess((v) => v || 'fr', z.enum(['fr', 'en'])),
	editionLabel: optionalText(60),
	editionYear: optionalInt(1990, 2100),
	seriesId: optionalText(60),
	templateKey: optionalText(60),
	thankYou: optionalText(2000)
});
export type SurveyInput = z.output<typeof surveyInput>;

export const sectionInput = z.object({
	title: requiredText(200),
	description: optionalText(2000)
});

/** Choices typed one per line in a textarea, or given as an array (strings or { key, label }). */
function choiceList(path: string) {
	return z.preprocess(
		(v) => {
			if (v === undefined || v === null) return [];
			if (typeof v === 'string')
				return v
					.split(/\r?\n/)
					.map((s) => s.trim())
					.filter(Boolean)
					.map((label) => ({ key: keyFromLabel(label), label }));
			if (Array.isArray(v)) return v.map((c) => (typeof c === 'string' ? { key: keyFromLabel(c), label: c.trim() } : { key: c?.key ?? keyFromLabel(String(c?.label ?? '')), label: String(c?.label ?? '').trim() }));
			return v;
		},
		z
			.array(z.object({ key: z.string().min(1).max(60), label: z.string().min(1, { error: `error_surveys_${path}_empty` }).max(300, { error: 'error_too_long' }) }))
			.max(60, { error: 'error_surveys_too_many_choices' })
			.superRefine((list, ctx) => {
				const keys = new Set<string>();
				for (const c of list) {
					if (keys.has(c.key)) {
						ctx.addIssue({ code: 'custom', message: 'error_surveys_duplicate_choice', params: { label: c.label } });
						return;
					}
					keys.add(c.key);
				}
			})
	);
}

/** One question as the editor form, the API and templates send it; `options` checked per type. */
export const questionInput = z
	.object({
		type: z.enum(QUESTION_TYPES, { error: 'error_surveys_type' }),
		label: requiredText(500),
		help: optionalText(1000),
		required: looseBoolean,
		key: z.preprocess(emptyToNull, z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, { error: 'error_surveys_key' }).nullable().optional()).transform((v) => v ?? null),
		choices: choiceList('choices'),
		allowOther: looseBoolean,
		maxChoices: optionalInt(1, 60),
		min: optionalNumber,
		max: optionalNumber,
		minLabel: optionalText(100),
		maxLabel: optionalText(100),
		unit: optionalText(30),
		integer: looseBoolean,
		rows: choiceList('rows'),
		columns: choiceList('columns'),
		maxLength: optionalInt(1, 20000),
		scoring: z.any().optional()
	})
	.superRefine((q, ctx) => {
		const issue = (path: string, message: string, params?: Record<string, string | number>) => ctx.addIssue({ code: 'custom', path: [path], message, ...(params ? { params } : {}) });
		if ((q.type === 'single' || q.type === 'multiple') && q.choices.length < 2) issue('choices', 'error_surveys_choices_min');
		if (q.type === 'multiple' && q.maxChoices != null && q.maxChoices > q.choices.length) issue('maxChoices', 'error_surveys_max_choices');
		if (q.type === 'scale') {
			if (q.min == null) issue('min', 'error_required');
			else if (!Number.isInteger(q.min) || q.min < 0 || q.min > 1) issue('min', 'error_surveys_scale_min');
			if (q.max == null) issue('max', 'error_required');
			else if (!Number.isInteger(q.max) || q.max < 2 || q.max > 10) issue('max', 'error_surveys_scale_max');
		}
		if (q.type === 'number' && q.min != null && q.max != null && q.max <= q.min) issue('max', 'error_surveys_max_above_min');
		if (q.type === 'matrix') {
			if (q.rows.length < 1) issue('rows', 'error_surveys_rows_min');
			if (q.columns.length < 2) issue('columns', 'error_surveys_columns_min');
		}
	})
	.transform((q) => {
		const options: QuestionOptions = {};
		if (q.type === 'single' || q.type === 'multiple') {
			options.choices = q.choices as SurveyChoice[];
			if (q.allowOther) options.allowOther = true;
			if (q.type === 'multiple' && q.maxChoices != null) options.maxChoices = q.maxChoices;
		} else if (q.type === 'scale') {
			options.min = q.min!;
			options.max = q.max!;
			if (q.minLabel) options.minLabel = q.minLabel;
			if (q.maxLabel) options.maxLabel = q.maxLabel;
		} else if (q.type === 'number') {
			if (q.min != null) options.min = q.min;
			if (q.max != null) options.max = q.max;
			if (q.unit) options.unit = q.unit;
			if (q.integer) options.integer = true;
		} else if (q.type === 'matrix') {
			options.rows = q.rows as SurveyChoice[];
			options.columns = q.columns as SurveyChoice[];
		} else if (q.maxLength != null) options.maxLength = q.maxLength;
		const scoring = q.scoring && typeof q.scoring === 'object' && typeof (q.scoring as QuestionScoring).dimension === 'string' ? (q.scoring as QuestionScoring) : null;
		return { type: q.type, label: q.label, help: q.help, required: q.required, key: q.key, options, scoring };
	});
export type QuestionInput = z.output<typeof questionInput>;

export const sendInput = z.object({
	segmentId: requiredText(60)
});

/** The results' filters: attributes captured with each response. */
export const resultsFilter = z.object({
	sizeBand: optionalText(30),
	departementCode: optionalText(3),
	organizationStatus: optionalText(30)
});
export type ResultsFilter = z.output<typeof resultsFilter>;
