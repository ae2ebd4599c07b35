// A job queue in the database: claimed with FOR UPDATE SKIP LOCKED, so several app instances share it on Postgres.
import { and, eq, lte, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { jobs } from './schema';

export type Job = typeof jobs.$inferSelect;
export type JobHandler = (job: Job, db: Db) => Promise<unknown>;

export async function enqueue(
	db: Pick<Db, 'insert'>,
	kind: string,
	payload: Record<string, unknown>,
	opts: { runAt?: Date; maxAttempts?: number } = {}
): Promise<string> {
	const id = crypto.randomUUID();
	await db.insert(jobs).values({ id, kind, payload, runAt: opts.runAt ?? new Date(), maxAttempts: opts.maxAttempts ?? 5 });
	return id;
}

/**
 * A periodic job's next run: enqueued at `runAt` unless a run of `kind` is already waiting. The check and
 * the insert hold a transaction-level advisory lock on the kind, so app instances starting together (or two
 * runs finishing together) never start a second chain. A periodic handler calls it first, before its work,
 * so that a run that fails (even for good, after its attempts) never stops the chain.
 */
export async function ensureNextRun(db: Db, kind: string, runAt: Date = new Date()): Promise<boolean> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'grappe.periodic:' + kind}))`);
		const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from jobs where kind = ${kind} and status = 'pending'`);
		if (Number(row?.n ?? 0) > 0) return false;
		await enqueue(tx, kind, {}, { runAt });
		return true;
	});
}

/** Takes the oldest due job, or null; a job whose worker died is taken again after `staleAfterMs`. */
export async function claimNext(db: Db, workerId: string, kinds?: string[], staleAfterMs = 10 * 60_000): Promise<Job | null> {
	const kindFilter = kinds?.length ? sql`and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})` : sql``;
	const staleBefore = new Date(Date.now() - staleAfterMs);
	// A job whose worker died on its last allowed attempt is not taken again.
	await db.execute(sql`
		update jobs set status = 'failed', finished_at = now(), locked_at = null, last_error = coalesce(last_error, 'worker stopped while running the job')
		where status = 'running' and locked_at < ${staleBefore.toISOString()}::timestamptz and attempts >= max_attempts`);
	const rows = await queryRows<{ id: string }>(db, sql`
		update jobs set status = 'running', locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
		where id = (
			select id from jobs
			where ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_at < ${staleBefore.toISOString()}::timestamptz))
			${kindFilter}
			order by run_at, created_at
			for update skip locked
			limit 1
		)
		returning id`);
	const id = rows[0]?.id;
	if (!id) return null;
	const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
	return job ?? null;
}

export async function completeJob(db: Db, id: string, result?: unknown) {
	await db.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedAt: null, result: result ?? null }).where(eq(jobs.id, id));
}

/** Records a failure; retries later with exponential back-off until max attempts. */
export async function failJob(db: Db, job: Job, error: unknown) {
	const message = error instanceof Error ? error.message : String(error);
	const final = job.attempts >= job.maxAttempts;
	const delayMs = Math.min(60 * 60_000, 2 ** job.attempts * 5_000);
	await db
		.update(jobs)
		.set({
			status: final ? 'failed' : 'pending',
			lastError: message.slice(0, 2000),
			lockedAt: null,
			runAt: final ? job.runAt : new Date(Date.now() + delayMs),
			finishedAt: final ? new Date() : null
		})
		.where(eq(jobs.id, job.id));
}

/** Runs due jobs until none is left; returns how many ran. */
export async function drainJobs(db: Db, handlers: Record<string, JobHandler>, workerId = 'drain'): Promise<number> {
	let n = 0;
	for (;;) {
		const job = await claimNext(db, workerId, Object.keys(handlers));
		if (!job) return n;
		n++;
		try {
			const result = await handlers[job.kind](job, db);
			await completeJob(db, job.id, result);
		} catch (e) {
			await failJob(db, job, e);
		}
	}
}

export interface Worker {
	stop(): Promise<void>;
	/** Wakes the worker now instead of at its next poll. */
	poke(): void;
}

export function startWorker(db: Db, handlers: Record<string, JobHandler>, opts: { intervalMs?: number; workerId?: string } = {}): Worker {
	const workerId = opts.workerId ?? `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
	let stopped = false;
	let running: Promise<void> | null = null;
	let timer: NodeJS.Timeout | null = null;
	const tick = () => {
		if (stopped || running) return;
		running = drainJobs(db, handlers, workerId)
			.then(() => undefined)
			.catch((e) => console.error('[jobs]', e))
			.finally(() => {
				running = null;
				if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 1000);
			});
	};
	timer = setTimeout(tick, 10);
	return {
		poke() {
			if (timer) clearTimeout(timer);
			tick();
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
		}
	};
}

export async function countJobs(db: Db, status: string): Promise<number> {
	const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(and(eq(jobs.status, status), lte(jobs.runAt, new Date(Date.now() + 365 * 86400_000))));
	return Number(r.n);
}

export async function getJob(db: Db, id: string): Promise<Job | null> {
	const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
	return job ?? null;
}
