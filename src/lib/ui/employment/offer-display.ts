// How the job board's pages write an offer's facts (contract, salary, place, start) in the reader's language.
import { m } from '$lib/paraglide/messages';
import { formatDate, formatMoney, formatNumber } from '$lib/i18n/format';

type Locale = 'fr' | 'en';
type Fn = () => string;

export const CONTRACT_LABELS: Record<string, Fn> = {
	permanent: m.employment_contract_permanent,
	fixed_term: m.employment_contract_fixed_term,
	apprenticeship: m.employment_contract_apprenticeship,
	internship: m.employment_contract_internship,
	freelance: m.employment_contract_freelance
};
export const STATUS_LABELS: Record<string, Fn> = {
	draft: m.employment_status_draft,
	pending: m.employment_status_pending,
	published: m.employment_status_published,
	rejected: m.employment_status_rejected,
	expired: m.employment_status_expired,
	filled: m.employment_status_filled
};
export const REMOTE_LABELS: Record<string, Fn> = {
	none: m.employment_remote_none,
	partial: m.employment_remote_partial,
	full: m.employment_remote_full
};
export const WORKING_TIME_LABELS: Record<string, Fn> = {
	full_time: m.employment_working_time_full_time,
	part_time: m.employment_working_time_part_time
};
const PERIODS: Record<string, Fn> = {
	year: m.employment_salary_period_year,
	month: m.employment_salary_period_month,
	hour: m.employment_salary_period_hour
};
export const PERIOD_LABELS: Record<string, Fn> = {
	year: m.employment_salary_period_label_year,
	month: m.employment_salary_period_label_month,
	hour: m.employment_salary_period_label_hour
};

export const contractLabel = (k: string) => CONTRACT_LABELS[k]?.() ?? k;
export const statusLabel = (s: string) => STATUS_LABELS[s]?.() ?? s;

/** Whole euros without decimals ("26 000 €"), cents kept for hourly rates ("12,50 €"). */
function money(cents: number, l: Locale): string {
	const s = formatMoney(cents, l);
	return cents % 100 === 0 ? s.replace(/[,.]00(?=\D*$)/, '') : s;
}

export function salaryLabel(o: { salaryMinCents: number | null; salaryMaxCents: number | null; salaryPeriod: string | null }, l: Locale): string {
	const period = o.salaryPeriod ? (PERIODS[o.salaryPeriod]?.() ?? '') : '';
	const { salaryMinCents: min, salaryMaxCents: max } = o;
	if (min !== null && max !== null && min !== max) return m.employment_offer_salary_range({ min: money(min, l), max: money(max, l), period });
	if (min !== null) return min === max ? `${money(min, l)} ${period}` : m.employment_offer_salary_from({ min: money(min, l), period });
	if (max !== null) return m.employment_offer_salary_upto({ max: money(max, l), period });
	return m.employment_offer_salary_none();
}

export function placeLabel(o: { communeName: string | null; departementCode: string | null; remote: string }): string {
	const where = o.communeName ? `${o.communeName}${o.departementCode ? ` (${o.departementCode})` : ''}` : '';
	if (o.remote === 'full') return where ? `${where} · ${m.employment_remote_full()}` : m.employment_remote_full();
	return where;
}

export function startLabel(o: { startAsap: boolean; startDate: string | null }, l: Locale): string {
	return o.startAsap || !o.startDate ? m.employment_offer_asap() : formatDate(o.startDate, l, 'long');
}

export function hoursLabel(o: { workingTime: string; weeklyHours: number | null }, l: Locale): string {
	const time = WORKING_TIME_LABELS[o.workingTime]?.() ?? o.workingTime;
	return o.weeklyHours ? `${time}, ${m.employment_offer_hours({ hours: formatNumber(o.weeklyHours, l) })}` : time;
}

/** Paragraphs of a plain-text description (a blank line between them). */
export function paragraphs(text: string): string[] {
	return text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
}
