// The survey templates shipped with Grappe (recruitment barometer, HR diagnostic, satisfaction after an
// event), in French and English, and how one becomes a draft survey in the language chosen: every
// question and choice keeps the template's stable key, so barometer editions and translations compare.
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireStaff, type Actor } from '../auth/actor';
import { InvalidError } from '../errors';
import { parseInput } from '../validation';
import { listTrades, type TradeSummary } from '../trainings/service';
import { getEvent } from '../events/service';
import { createSurveyFromDefinition, type SurveyDefinition, type SurveyDefinitionInput } from './service';
import type { QuestionOptions, SurveyChoice, SurveySettings } from './schema';
import type { Bilingual, ChoiceSource, DiagnosticLevel, SurveyTemplate } from './templates/types';
import { recruitmentBarometer } from './templates/recruitment-barometer';
import { hrDiagnostic } from './templates/hr-diagnostic';
import { eventSatisfaction } from './templates/event-satisfaction';

export type { SurveyTemplate, DiagnosticLevel } from './templates/types';
export type TemplateLocale = 'fr' | 'en';

export const SURVEY_TEMPLATES: SurveyTemplate[] = [recruitmentBarometer, hrDiagnostic, eventSatisfaction];

export function getTemplate(key: string | null | undefined): SurveyTemplate | null {
	return SURVEY_TEMPLATES.find((t) => t.key === key) ?? null;
}

/** A recommended action, in the survey's language. */
export interface DimensionAction {
	title: string;
	detail: string;
}

/** A diagnostic dimension as stored in the survey's settings (in its language): scoring needs nothing else. */
export interface DiagnosticDimension {
	key: string;
	label: string;
	description?: string;
	thresholds?: { medium: number; good: number };
	recommendations?: Partial<Record<DiagnosticLevel, DimensionAction[]>>;
}

export interface DiagnosticSettings extends SurveySettings {
	dimensions?: DiagnosticDimension[];
	/** the event a satisfaction survey is about */
	eventId?: string;
}

const tr = (t: Bilingual | undefined, locale: TemplateLocale) => (t ? t[locale] : undefined);

function choicesOf(source: ChoiceSource | undefined, locale: TemplateLocale, trades: TradeSummary[]): SurveyChoice[] | undefined {
	if (!source) return undefined;
	// Trades are keyed by their slug, stable across editions; their names are the cluster's own.
	if (source === 'trades') return trades.map((t) => ({ key: t.slug, label: t.name }));
	return source.map((c) => ({ key: c.key, label: c.label[locale] }));
}

/** The template in one language as the survey engine's definition (no database access but the trades given). */
export function templateDefinition(tpl: SurveyTemplate, locale: TemplateLocale, trades: TradeSummary[], survey: Record<string, unknown> = {}): SurveyDefinitionInput {
	const settings: DiagnosticSettings = { thankYou: tpl.thankYou[locale] };
	if (tpl.dimensions)
		settings.dimensions = tpl.dimensions.map((d) => ({
			key: d.key,
			label: d.label[locale],
			description: d.description[locale],
			thresholds: d.thresholds,
			recommendations: {
				low: d.recommendations.low.map((a) => ({ title: a.title[locale], detail: a.detail[locale] })),
				medium: d.recommendations.medium.map((a) => ({ title: a.title[locale], detail: a.detail[locale] }))
			}
		}));
	return {
		survey: {
			title: tpl.title[locale],
			description: tpl.description[locale],
			kind: tpl.kind,
			audience: tpl.audience,
			anonymous: tpl.anonymous,
			locale,
			templateKey: tpl.key,
			thankYou: tpl.thankYou[locale],
			...survey
		},
		settings,
		sections: tpl.sections.map((s) => ({
			title: s.title[locale],
			description: tpl.sections && s.description ? s.description[locale] : null,
			questions: s.questions
				.map((q) => {
					const options: QuestionOptions = {};
					const choices = choicesOf(q.choices, locale, trades);
					if (choices) options.choices = choices;
					const rows = choicesOf(q.rows, locale, trades);
					if (rows) options.rows = rows;
					if (q.columns) options.columns = q.columns.map((c) => ({ key: c.key, label: c.label[locale] }));
					if (q.allowOther) options.allowOther = true;
					if (q.maxChoices != null) options.maxChoices = Math.min(q.maxChoices, choices?.length ?? q.maxChoices);
					if (q.min != null) options.min = q.min;
					if (q.max != null) options.max = q.max;
					if (q.minLabel) options.minLabel = tr(q.minLabel, locale);
					if (q.maxLabel) options.maxLabel = tr(q.maxLabel, locale);
					if (q.unit) options.unit = tr(q.unit, locale);
					if (q.integer) options.integer = true;
					if (q.maxLength != null) options.maxLength = q.maxLength;
					return { key: q.key, type: q.type, label: q.label[locale], help: tr(q.help, locale) ?? null, required: q.required ?? false, options, scoring: q.scoring ?? null };
				})
				// A trade question of a cluster without trades yet cannot be asked (fewer than two choices / no row).
				.filter((q) => (q.type === 'matrix' ? (q.options.rows?.length ?? 0) > 0 : q.type === 'single' || q.type === 'multiple' ? (q.options.choices?.length ?? 0) + (q.options.allowOther ? 1 : 0) >= 2 : true))
		}))
	};
}

export const instantiateInput = z.object({
	templateKey: z.string({ error: 'error_required' }).refine((k) => !!getTemplate(k), { error: 'error_diagnostics_template' }),
	locale: z.preprocess((v) => v || 'fr', z.enum(['fr', 'en'], { error: 'error_diagnostics_locale' })),
	title: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200, { error: 'error_too_long' }).optional()),
	eventId: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(60).optional())
});

/**
 * Creates a draft survey from a template in the language chosen (the team only). `extra` sets other
 * survey fields (a barometer's series and edition). A satisfaction survey may name its event.
 */
export async function instantiateTemplate(db: Db, actor: Actor, raw: unknown, extra: Record<string, unknown> = {}): Promise<SurveyDefinition> {
	requireStaff(actor);
	const input = parseInput(instantiateInput, raw);
	const tpl = getTemplate(input.templateKey)!;
	const trades = await listTrades(db);
	const def = templateDefinition(tpl, input.locale, trades, { ...(input.title ? { title: input.title } : {}), ...extra });
	if (input.eventId) {
		if (tpl.key !== 'event-satisfaction') throw new InvalidError([{ path: 'eventId', message: 'error_diagnostics_event_template' }]);
		let event;
		try {
			event = await getEvent(db, actor, input.eventId);
		} catch {
			throw new InvalidError([{ path: 'eventId', message: 'error_diagnostics_event' }]);
		}
		(def.settings as DiagnosticSettings).eventId = event.id;
		if (!input.title) def.survey.title = `${tpl.title[input.locale]} — ${event.title}`;
	}
	return createSurveyFromDefinition(db, actor, def);
}
