// The running server's state: database, accounts, mail and job worker, opened once at start-up.
import { join } from 'node:path';
import { openDatabase, migrateDatabase, defaultDataDir, refreshStatistics, localeWarning, type Database } from './db/client';
import { createAuth, type Auth } from './auth/index';
import { createMailer, type Mailer } from './mail/transport';
import { MAIL_JOB, mailJobHandler } from './mail/service';
import { startWorker, type Worker } from './jobs/queue';
import { getOrCreateSecret } from './settings/service';
import { seedDemoIfEmpty } from './demo/seed';
import { IMPORT_JOB, importJobHandler } from './crm/import-job';
import { warmDirectoryIndex } from './directory/memory-index';
import { REMINDER_JOB, eventRemindersJobHandler } from './events/service';
import { REMINDER_JOB as SURVEY_REMINDER_JOB, surveyReminderJobHandler } from './surveys/service';
import { EXPIRY_JOB as OFFERS_EXPIRY_JOB, offersExpiryJobHandler, scheduleOffersExpiry } from './employment/service';
import { ALERTS_JOB as JOB_ALERTS_JOB, alertsJobHandler, scheduleAlerts } from './employment/alerts';
import { RETENTION_JOB as JOB_RETENTION_JOB, retentionJobHandler, scheduleRetention } from './employment/retention';

export interface GrappeApp {
	database: Database;
	auth: Auth;
	mailer: Mailer;
	worker: Worker;
	outboxDir: string;
	baseURL: string;
	version: string;
	stop(): Promise<void>;
}


export const VERSION = process.env.npm_package_version ?? '0.1.0';

export function baseURLFromEnv(): string {
	if (process.env.ORIGIN) return process.env.ORIGIN;
	const port = process.env.PORT || '3000';
	const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
	return `http://${host}:${port}`;
}

async function start(): Promise<GrappeApp> {
	const database = await openDatabase();
	await migrateDatabase(database);
	const demo = process.env.GRAPPE_DEMO !== '0';
	if (demo) {
		const seeded = await seedDemoIfEmpty(database.db);
		if (seeded) {
			console.log(`\nGrappe: demo cluster created (${seeded.organizations} organizations).`);
			console.log(`  Sign in as ${seeded.adminEmail} with password ${seeded.adminPassword}\n`);
		}
	}
	if (database.engine === 'pglite') await refreshStatistics(database.db);
	else {
		const warning = await localeWarning(database.db);
		if (warning) console.warn(`Grappe: warning: ${warning}`);
	}
	// The directory's search index, built in the background (memory-index.ts): searches wait for it.
	void warmDirectoryIndex(database.db);
	const baseURL = baseURLFromEnv();
	const secret = await getOrCreateSecret(database.db, 'auth', process.env.BETTER_AUTH_SECRET);
	const auth = createAuth({ db: database.db, secret, baseURL });
	const dataDir = process.env.DATA_DIR ? process.env.DATA_DIR : defaultDataDir();
	const outboxDir = join(dataDir, 'outbox');
	const mailer = createMailer({ smtpUrl: process.env.SMTP_URL, outboxDir, from: process.env.MAIL_FROM || 'Grappe <no-reply@grappe.localhost>' });
	const worker = startWorker(database.db, { [MAIL_JOB]: mailJobHandler(mailer), [IMPORT_JOB]: importJobHandler, [REMINDER_JOB]: eventRemindersJobHandler(baseURL), [SURVEY_REMINDER_JOB]: surveyReminderJobHandler(baseURL), [OFFERS_EXPIRY_JOB]: offersExpiryJobHandler(baseURL), [JOB_ALERTS_JOB]: alertsJobHandler(baseURL), [JOB_RETENTION_JOB]: retentionJobHandler() }, { intervalMs: Number(process.env.GRAPPE_JOB_INTERVAL_MS || 1000) });
	// Job offers expire on a periodic run that schedules its next one (employment/service.ts).
	await scheduleOffersExpiry(database.db);
	// Job alerts' daily digests and the daily deletion of applications past their retention date.
	await scheduleAlerts(database.db);
	await scheduleRetention(database.db);
	console.log(`Grappe ${VERSION}: database ${database.engine}${database.dataDir ? ` in ${database.dataDir}` : ''}, mail ${mailer.kind === 'smtp' ? 'via SMTP' : `to ${outboxDir}`}`);
	return {
		database,
		auth,
		mailer,
		worker,
		outboxDir,
		baseURL,
		version: VERSION,
		async stop() {
			await worker.stop();
			await database.close();
		}
	};
}

/** The app, started on first call; start-up errors (a locked data directory) end the process with their message. */
// Kept on globalThis: the dev server re-evaluates this module after an edit, and a second start would
// find the data directory locked by this very process.
const holder = globalThis as unknown as { __grappeApp?: Promise<GrappeApp> };

export function getApp(): Promise<GrappeApp> {
	let current = holder.__grappeApp;
	if (!current) {
		current = holder.__grappeApp = start();
		current.catch((e) => {
			console.error(`\nGrappe cannot start: ${e instanceof Error ? e.message : e}\n`);
			process.exit(1);
		});
		const shutdown = async () => {
			const app = await current!;
			await app.stop().catch(() => {});
			process.exit(0);
		};
		process.once('SIGINT', shutdown);
		process.once('SIGTERM', shutdown);
	}
	return current;
}
