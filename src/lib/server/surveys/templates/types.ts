// The shape of a shipped survey template: every text in French and English, stable keys for
// questions and choices (so barometer editions and translations compare), scoring for diagnostics.
import type { QuestionScoring, QuestionType, SurveyAudience, SurveyKind } from '../schema';

export interface Bilingual {
	fr: string;
	en: string;
}

export interface TemplateChoice {
	key: string;
	label: Bilingual;
}

/** `'trades'`: the cluster's trades (table `trades`), keyed by their stable slug. */
export type ChoiceSource = TemplateChoice[] | 'trades';

export interface TemplateQuestion {
	key: string;
	type: QuestionType;
	label: Bilingual;
	help?: Bilingual;
	required?: boolean;
	choices?: ChoiceSource;
	allowOther?: boolean;
	maxChoices?: number;
	min?: number;
	max?: number;
	minLabel?: Bilingual;
	maxLabel?: Bilingual;
	unit?: Bilingual;
	integer?: boolean;
	rows?: ChoiceSource;
	columns?: TemplateChoice[];
	maxLength?: number;
	scoring?: QuestionScoring;
}

export interface TemplateSection {
	title: Bilingual;
	description?: Bilingual;
	questions: TemplateQuestion[];
}

export interface TemplateAction {
	title: Bilingual;
	detail: Bilingual;
}

export type DiagnosticLevel = 'low' | 'medium' | 'good';

export interface TemplateDimension {
	key: string;
	label: Bilingual;
	description: Bilingual;
	/** percentages of the maximum: below `medium` is low, below `good` is medium, else good */
	thresholds: { medium: number; good: number };
	/** actions proposed when the dimension scores at that level */
	recommendations: { low: TemplateAction[]; medium: TemplateAction[] };
}

export interface SurveyTemplate {
	key: string;
	kind: SurveyKind;
	title: Bilingual;
	/** what the template is for, on the templates page */
	summary: Bilingual;
	/** the introduction respondents read */
	description: Bilingual;
	audience: SurveyAudience;
	anonymous: boolean;
	thankYou: Bilingual;
	sections: TemplateSection[];
	dimensions?: TemplateDimension[];
}

export const b = (fr: string, en: string): Bilingual => ({ fr, en });
