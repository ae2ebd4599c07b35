// An event's registrations as a CSV file French Excel opens with a double click (`;`, UTF-8 with BOM).
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { t, type Locale } from '../../i18n/t';
import { writeCsv, CONTENT_TYPES, type Cell } from '../crm/spreadsheet';
import { formatTicketCode, getEvent, listRegistrations } from './service';

export async function exportRegistrations(db: Db, actor: Actor, eventId: string, locale: Locale = 'fr'): Promise<{ filename: string; contentType: string; body: Buffer; count: number }> {
	// listRegistrations checks the actor is staff; getEvent that the event exists.
	const registrations = await listRegistrations(db, actor, eventId);
	const event = await getEvent(db, actor, eventId);
	const col = (k: string) => t(`events_admin_csv_${k}`, {}, locale);
	const yesNo = (b: boolean) => t(b ? 'events_admin_yes' : 'events_admin_no', {}, locale);
	const headers = [
		col('seq'), col('name'), col('organization'), col('email'), col('status'), col('position'), col('member'), col('price'),
		...event.questions.map((q) => q.label),
		col('ticket'), col('registered_at'), col('checked_in_at'), col('source')
	];
	const rows: Cell[][] = registrations.map((r) => [
		r.seq,
		r.name,
		r.organizationName ?? '',
		r.email,
		t(`events_admin_reg_status_${r.status}`, {}, locale),
		r.position,
		yesNo(r.isMember),
		// "35,50" as French Excel reads an amount (a number would lose its trailing zero).
		r.priceCents == null ? null : (r.priceCents / 100).toFixed(2).replace('.', ','),
		...event.questions.map((q) => {
			const a = r.answers[q.id];
			return typeof a === 'boolean' ? yesNo(a) : (a ?? '');
		}),
		formatTicketCode(r.ticketCode),
		paris(r.createdAt),
		paris(r.checkedInAt),
		t(`events_admin_source_${r.source}`, {}, locale)
	]);
	return {
		filename: `${t('events_admin_csv_filename', {}, locale)}-${event.slug}.csv`,
		contentType: CONTENT_TYPES.csv,
		body: writeCsv(headers, rows),
		count: rows.length
	};
}

/** Instants as France's wall clock, whatever the server's time zone: "03/12/2026 09:05". */
const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const paris = (d: Date | null) => (d ? parisDateTime.format(d) : '');
