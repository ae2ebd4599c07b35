// Deletes the job board's personal data past its date: applications and pool entries whose delete_after
// has passed (with their CV files), alerts never confirmed within a week, and the CV copies attached to
// mails already sent (the queue keeps a mail's payload after sending). A daily job; running it twice
// deletes nothing more.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { queryRows } from '../db/client';
import { storedFiles } from '../files/schema';
import { createStorage, type FileStorage } from '../files/storage';
import { deleteOrphanPrivateFiles } from '../files/images';
import { ensureNextRun, type JobHandler } from '../jobs/queue';
import { MAIL_JOB } from '../mail/service';

export const RETENTION_JOB = 'employment.retention';
const RETENTION_INTERVAL_MS = 24 * 3600_000;
const UNCONFIRMED_ALERT_DAYS = 7;

export interface RetentionResult {
	applications: number;
	pool: number;
	files: number;
	alerts: number;
	mails: number;
}

export async function purgeExpiredPersonalData(db: Db, storage: FileStorage, now = new Date()): Promise<RetentionResult> {
	const at = now.toISOString();
	// The CV files first, then the rows: a failure between the two leaves rows without their file (the
	// next run deletes them), never a private file nothing points to any more.
	const keys = await queryRows<{ key: string }>(
		db,
		sql`select cv_file_key as key from job_applications where delete_after <= ${at}::timestamptz and cv_file_key is not null
			union select cv_file_key from spontaneous_applications where delete_after <= ${at}::timestamptz and cv_file_key is not null`
	);
	let files = 0;
	for (const { key } of keys) {
		// The bytes before their stored_files row: a failed delete keeps the row, retried next run.
		await storage.delete(key);
		await db.delete(storedFiles).where(eq(storedFiles.key, key));
		files++;
	}
	// CVs sent to an organization deleted since: its applications went with it, the files did not.
	files += await deleteOrphanPrivateFiles(db, storage);
	const apps = await queryRows<{ id: string }>(db, sql`delete from job_applications where delete_after <= ${at}::timestamptz returning id`);
	const pool = await queryRows<{ id: string }>(db, sql`delete from spontaneous_applications where delete_after <= ${at}::timestamptz returning id`);
	const alerts = await queryRows<{ id: string }>(
		db,
		sql`delete from job_alerts where confirmed_at is null and created_at <= ${at}::timestamptz - make_interval(days => ${UNCONFIRMED_ALERT_DAYS}) returning id`
	);
	// Base64 attachments are CVs (applications.ts); once the mail is sent or given up, the copy goes.
	const mails = await queryRows<{ id: string }>(
		db,
		sql`update jobs set payload = payload - 'attachments' where kind = ${MAIL_JOB} and status in ('done', 'failed')
			and payload->'attachments' @> '[{"encoding":"base64"}]'::jsonb returning id`
	);
	return { applications: apps.length, pool: pool.length, files, alerts: alerts.length, mails: mails.length };
}

/** The daily retention job: runs, then schedules its next run. */
export function retentionJobHandler(): JobHandler {
	return async (_job, db) => {
		// The next run first: a run that fails, even for good, does not end the chain.
		await ensureNextRun(db, RETENTION_JOB, new Date(Date.now() + RETENTION_INTERVAL_MS));
		const r = await purgeExpiredPersonalData(db, createStorage(db));
		return r;
	};
}

/** At start-up: makes sure one retention run is scheduled (it then schedules itself daily). */
export async function scheduleRetention(db: Db): Promise<void> {
	await ensureNextRun(db, RETENTION_JOB);
}
