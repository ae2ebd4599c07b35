// What every subcommand shares: the database opened from the environment, and errors turned into
// messages and exit codes (2 for invalid input, 1 for anything else).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../lib/server/db/client';
import { DataDirLockedError } from '../lib/server/db/lock';
import { projectRoot } from '../lib/server/db/root';
import { ConflictError, DomainError, ForbiddenError, InvalidError, NotFoundError } from '../lib/server/errors';

export const EXIT_FAILURE = 1;
export const EXIT_INVALID = 2;

/** An error a subcommand raises to stop with `message` and `exitCode`, without a stack trace. */
export class CliError extends Error {
	constructor(message: string, public exitCode = EXIT_FAILURE) {
		super(message);
		this.name = 'CliError';
	}
}

/**
 * Opens the database named by DATABASE_URL, or the PGlite data directory DATA_DIR (taking its lock),
 * migrates it, runs `fn`, and closes it. Any error ends the process with its message and exit code.
 */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
	let database: Database | undefined;
	try {
		// Loaded here, not at start-up, so that `--help` does not wait for the database engine.
		const { openDatabase, migrateDatabase } = await import('../lib/server/db/client');
		database = await openDatabase();
		await migrateDatabase(database);
		const result = await fn(database);
		await database.close();
		return result;
	} catch (e) {
		await database?.close().catch(() => {});
		return exitWithError(e);
	}
}

/** Prints what went wrong, naming the field for invalid input, and ends the process. */
export function exitWithError(e: unknown): never {
	const { message, exitCode } = describeError(e);
	process.stderr.write(`grappe: ${message}\n`);
	if (process.env.GRAPPE_DEBUG && e instanceof Error && !(e instanceof DomainError) && !(e instanceof CliError)) {
		process.stderr.write(`${e.stack}\n`);
	}
	process.exit(exitCode);
}

export function describeError(e: unknown): { message: string; exitCode: number } {
	if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
	if (e instanceof InvalidError) {
		const lines = e.issues.map((i) => `  ${i.row ? `row ${i.row}, ` : ''}${i.path}: ${translate(i.message, i.params)}`);
		return { message: `invalid input\n${lines.join('\n')}`, exitCode: EXIT_INVALID };
	}
	if (e instanceof ConflictError) {
		return { message: `${e.path ? `${e.path}: ` : ''}${translate(e.messageKey, e.params)}`, exitCode: EXIT_FAILURE };
	}
	if (e instanceof NotFoundError) return { message: `${e.entity} not found${e.id ? `: ${e.id}` : ''}`, exitCode: EXIT_FAILURE };
	if (e instanceof ForbiddenError) return { message: 'not allowed', exitCode: EXIT_FAILURE };
	if (e instanceof DataDirLockedError) return { message: e.message, exitCode: EXIT_FAILURE };
	if (e instanceof Error) return { message: e.message, exitCode: EXIT_FAILURE };
	return { message: String(e), exitCode: EXIT_FAILURE };
}

let english: Record<string, string> | undefined;

/** The English text of an i18n key (the messages/ catalogues), or the key itself. */
export function translate(key: string, params: Record<string, string | number> = {}): string {
	if (!english) {
		english = {};
		try {
			const dir = join(projectRoot(), 'messages');
			const files = [join(dir, 'en.json'), ...readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name, 'en.json'))];
			for (const f of files) {
				if (!existsSync(f)) continue;
				for (const [k, v] of Object.entries(JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>)) {
					if (typeof v === 'string') english[k] = v;
				}
			}
		} catch {
			/* no catalogue: keys are printed as they are */
		}
	}
	const text = english[key];
	if (!text) return Object.keys(params).length ? `${key} (${Object.entries(params).map(([k, v]) => `${k}: ${v}`).join(', ')})` : key;
	return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Where the data lives, for messages: the data directory, or the server of DATABASE_URL. */
export function describeDatabase(database: Database): string {
	if (database.engine === 'pglite') return `PGlite in ${database.dataDir}`;
	try {
		const u = new URL(process.env.DATABASE_URL ?? '');
		return `PostgreSQL ${u.host}${u.pathname}`;
	} catch {
		return 'PostgreSQL';
	}
}
