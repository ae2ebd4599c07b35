// The approved badges as the show organizer asks for them: a CSV French Excel opens with a double click (`;`, UTF-8 with BOM).
import type { Db } from '../db/client';
import { requireStaff, type Actor } from '../auth/actor';
import { t, type Locale } from '../../i18n/t';
import { writeCsv, CONTENT_TYPES, type Cell } from '../crm/spreadsheet';
import { getTradeShow, listBadges } from './service';

export async function exportBadges(db: Db, actor: Actor, eventId: string, locale: Locale = 'fr'): Promise<{ filename: string; contentType: string; body: Buffer; count: number }> {
	requireStaff(actor);
	const badges = await listBadges(db, actor, eventId, { status: 'approved' });
	const show = await getTradeShow(db, actor, eventId);
	const stand = show.stand ? [show.stand.standName, show.stand.hall ? `(${show.stand.hall})` : ''].filter(Boolean).join(' ') : '';
	const col = (k: string) => t(`tradeshow_csv_${k}`, {}, locale);
	const headers = [col('last_name'), col('first_name'), col('organization'), col('email'), col('role'), col('stand')];
	const rows: Cell[][] = badges.map((b) => [
		b.lastName,
		b.firstName,
		b.organizationName,
		b.email,
		t(`tradeshow_badge_role_${b.role}`, {}, locale),
		// Visitors have no place on the stand.
		b.role === 'exhibitor' ? stand : ''
	]);
	return {
		filename: `${t('tradeshow_csv_filename', {}, locale)}-${show.event.slug}.csv`,
		contentType: CONTENT_TYPES.csv,
		body: writeCsv(headers, rows),
		count: rows.length
	};
}
