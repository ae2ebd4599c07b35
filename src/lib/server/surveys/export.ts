// A survey's answers as CSV (French Excel: BOM, `;`) or XLSX: one row per response, one column per
// question (a matrix: one per row; a multiple choice: its choices joined). Text stays text.
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { t, enumLabel, type Locale } from '../../i18n/t';
import { CONTENT_TYPES, writeCsv, writeXlsx, type Cell } from '../crm/spreadsheet';
import { answerText, getSurvey, listResponses } from './service';
import type { AnswerValue } from './schema';

/** A text starting with = + - @ (or a tab/CR) would be run as a formula by a spreadsheet: prefix it with a quote. */
export function inertText(s: string): string {
	return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

export async function exportResponses(
	db: Db,
	actor: Actor,
	surveyId: string,
	format: 'csv' | 'xlsx',
	locale: Locale = 'fr',
	filter: unknown = {}
): Promise<{ filename: string; contentType: string; body: Buffer; count: number }> {
	const { survey, sections } = await getSurvey(db, actor, surveyId);
	const responses = await listResponses(db, actor, surveyId, filter);
	const col = (k: string) => t(`surveys_export_${k}`, {}, locale);
	const questions = sections.flatMap((s) => s.questions);
	const headers: string[] = [col('number'), col('submitted_at')];
	if (!survey.anonymous) headers.push(col('organization'), col('respondent'), col('email'));
	if (survey.captureAttributes) headers.push(col('size_band'), col('departement'), col('organization_status'));
	const cells: ((a: Record<string, AnswerValue>) => Cell)[] = [];
	for (const q of questions) {
		if (q.type === 'matrix') {
			for (const r of q.options.rows ?? []) {
				headers.push(`${q.label} — ${r.label}`);
				cells.push((a) => {
					const v = a[q.id];
					const c = v && 'rows' in v ? v.rows[r.key] : undefined;
					return c ? (q.options.columns ?? []).find((x) => x.key === c)?.label ?? c : '';
				});
			}
		} else {
			headers.push(q.label);
			cells.push((a) => {
				const v = a[q.id];
				if (v && 'number' in v) return v.number;
				return answerText(q, v, locale);
			});
		}
	}
	const rows: Cell[][] = responses.map((r) => {
		const row: Cell[] = [r.number, r.submittedAt ? parisDate(r.submittedAt, survey.anonymous) : ''];
		if (!survey.anonymous) row.push(r.organizationName ?? '', r.respondentName ?? '', r.respondentEmail ?? '');
		if (survey.captureAttributes)
			row.push(r.attributes.sizeBand ? t(`io_size_band_${r.attributes.sizeBand}`, {}, locale) : '', r.attributes.departementCode ?? '', enumLabel('status', r.attributes.organizationStatus, locale));
		for (const c of cells) row.push(c(r.answers));
		return row.map((v) => (typeof v === 'string' ? inertText(v) : v));
	});
	const safeHeaders = headers.map(inertText);
	const base = `${t('surveys_export_filename', {}, locale)}-${slug(survey.title)}`;
	return format === 'csv'
		? { filename: `${base}.csv`, contentType: CONTENT_TYPES.csv, body: writeCsv(safeHeaders, rows), count: rows.length }
		: { filename: `${base}.xlsx`, contentType: CONTENT_TYPES.xlsx, body: await writeXlsx(safeHeaders, rows, survey.title), count: rows.length };
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const parisDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'short' });
/** Anonymous responses keep the day only (see submitResponse). */
const parisDate = (d: Date, dayOnly: boolean) => (dayOnly ? parisDay.format(d) : parisDateTime.format(d));

function slug(s: string): string {
	return (
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 50) || 'enquete'
	);
}
