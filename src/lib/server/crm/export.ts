// Organization lists as CSV or XLSX, with localized headers and labels that import.ts reads back.
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { requireStaff } from '../auth/actor';
import { hasMessage, t, type Locale } from '../../i18n/t';
import { formatPhone } from './identifiers';
import { iterateOrganizations, listTeamMembers, listValueChainStages, type Organization } from './service';
import { CONTENT_TYPES, writeCsv, writeXlsx, type Cell, type SpreadsheetFormat } from './spreadsheet';

/** The columns an export writes, in order; `departementCode` and `createdAt` are informative and ignored on import. */
export const EXPORT_COLUMNS = [
	'name', 'siret', 'siren', 'nafCode', 'addressLine', 'postalCode', 'communeName', 'departementCode', 'sizeBand',
	'website', 'email', 'phone', 'description', 'status', 'partnerKind', 'tags', 'valueChainStageId', 'teamMemberId',
	'createdAt'
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

/** The i18n key of a column or import field label: `nafCode` → `io_field_naf_code`. */
export function fieldLabelKey(field: string): string {
	return 'io_field_' + snake(field);
}

export function fieldLabel(field: string, locale: Locale): string {
	return t(fieldLabelKey(field), {}, locale);
}

export type EnumGroup = 'status' | 'size_band' | 'partner_kind';

/** The CRM's own label keys (what the app shows) come first; ours stand in if one is missing. */
const APP_ENUM_GROUP: Record<EnumGroup, string> = { status: 'status', size_band: 'size', partner_kind: 'partner' };

export function enumLabelKeys(group: EnumGroup, value: string): string[] {
	return [`enum_${APP_ENUM_GROUP[group]}_${value}`, `io_${group}_${value}`];
}

/** The label an export writes for an enum value ("Adhérent"); import.ts maps it back. */
export function enumValueLabel(group: EnumGroup, value: string | null | undefined, locale: Locale): string {
	if (!value) return '';
	const k = enumLabelKeys(group, value).find(hasMessage);
	return k ? t(k, {}, locale) : value;
}

export interface ExportFile {
	filename: string;
	contentType: string;
	body: Buffer;
	count: number;
}

/** The calendar day of an instant in France, as a UTC midnight date (what Excel stores for a date). */
const parisYmd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

function frenchDay(d: Date): Date {
	return new Date(parisYmd.format(d) + 'T00:00:00Z');
}

/** Every organization matching `filter` (the list's filter) as a CSV or XLSX file. */
export async function exportOrganizations(
	db: Db,
	actor: Actor,
	filter: unknown,
	format: SpreadsheetFormat,
	locale: Locale = 'fr'
): Promise<ExportFile> {
	requireStaff(actor);
	const [stages, team] = await Promise.all([listValueChainStages(db), listTeamMembers(db)]);
	const stageName = new Map(stages.map((s) => [s.id, s.name]));
	const memberEmail = new Map(team.map((m) => [m.id, m.email]));
	const cell = (o: Organization, c: ExportColumn): Cell => {
		switch (c) {
			case 'sizeBand':
				return enumValueLabel('size_band', o.sizeBand, locale);
			case 'status':
				return enumValueLabel('status', o.status, locale);
			case 'partnerKind':
				return enumValueLabel('partner_kind', o.partnerKind, locale);
			case 'tags':
				return o.tags.join(', ');
			case 'phone':
				return formatPhone(o.phone);
			case 'valueChainStageId':
				return o.valueChainStageId ? (stageName.get(o.valueChainStageId) ?? '') : '';
			case 'teamMemberId':
				return o.teamMemberId ? (memberEmail.get(o.teamMemberId) ?? '') : '';
			case 'createdAt':
				return frenchDay(o.createdAt);
			default:
				return o[c];
		}
	};
	const rows: Cell[][] = [];
	for await (const o of iterateOrganizations(db, actor, filter ?? {})) rows.push(EXPORT_COLUMNS.map((c) => cell(o, c)));
	const headers = EXPORT_COLUMNS.map((c) => fieldLabel(c, locale));
	const sheet = t('io_sheet_organizations', {}, locale);
	const body = format === 'xlsx' ? await writeXlsx(headers, rows, sheet) : writeCsv(headers, rows);
	const day = parisYmd.format(new Date());
	return {
		filename: `${t('io_filename_organizations', {}, locale)}-${day}.${format}`,
		contentType: CONTENT_TYPES[format],
		body,
		count: rows.length
	};
}
