// The job queue on a real engine: claim and complete, retries with back-off, due dates, and on Postgres two workers racing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { testDatabase, testEngine, type Database } from '../../../../tests/setup/db';
import { openDatabase, type Db } from '../db/client';
import { jobs } from './schema';
import { claimNext, completeJob, countJobs, drainJobs, enqueue, ensureNextRun, getJob, startWorker, type Job } from './queue';

let database: Database;
let db: Db;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
});
afterAll(async () => {
	await database?.close();
});

/** Makes a waiting job due now, as if its back-off had elapsed. */
const makeDue = (id: string) => db.update(jobs).set({ runAt: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));

/** Each test uses its own job kinds, so the shared database's other jobs never get in the way. */
let kinds = 0;
const kind = (name: string) => `${name}.${++kinds}`;

describe('enqueue, claim, complete', () => {
	it('runs a due job once with its payload and keeps its result', async () => {
		const k = kind('mail');
		const id = await enqueue(db, k, { to: 'lea@exemple.fr' });
		expect(await getJob(db, id)).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 5 });
		const seen: unknown[] = [];
		const ran = await drainJobs(db, { [k]: async (job) => (seen.push(job.payload), { sent: true }) }, 'w1');
		expect(ran).toBe(1);
		expect(seen).toEqual([{ to: 'lea@exemple.fr' }]);
		const job = await getJob(db, id);
		expect(job).toMatchObject({ status: 'done', attempts: 1, result: { sent: true }, lockedAt: null, lockedBy: 'w1', lastError: null });
		expect(job!.finishedAt).toBeInstanceOf(Date);
		expect(await drainJobs(db, { [k]: async () => {} })).toBe(0);
	});

	it('claims the oldest due job first, marks it running and takes only the asked kinds', async () => {
		const a = kind('a');
		const b = kind('b');
		const later = await enqueue(db, a, { n: 2 }, { runAt: new Date(Date.now() - 1_000) });
		const first = await enqueue(db, a, { n: 1 }, { runAt: new Date(Date.now() - 60_000) });
		const other = await enqueue(db, b, {});
		const claimed = (await claimNext(db, 'w1', [a]))!;
		expect(claimed).toMatchObject({ id: first, status: 'running', lockedBy: 'w1', attempts: 1 });
		expect(claimed.lockedAt).toBeInstanceOf(Date);
		expect((await claimNext(db, 'w2', [a]))?.id).toBe(later);
		expect(await claimNext(db, 'w3', [a])).toBeNull();
		expect((await getJob(db, other))!.status).toBe('pending');
		await completeJob(db, first);
		expect(await getJob(db, first)).toMatchObject({ status: 'done', result: null });
	});

	it('does not claim a job before its run date', async () => {
		const k = kind('reminder');
		const id = await enqueue(db, k, {}, { runAt: new Date(Date.now() + 3_600_000) });
		expect(await claimNext(db, 'w1', [k])).toBeNull();
		expect(await drainJobs(db, { [k]: async () => {} })).toBe(0);
		expect((await getJob(db, id))!.status).toBe('pending');
		await makeDue(id);
		expect((await claimNext(db, 'w1', [k]))?.id).toBe(id);
	});

	it('takes again a running job whose worker died, but not one still being worked on', async () => {
		const k = kind('orphan');
		const id = await enqueue(db, k, {});
		await claimNext(db, 'dead-worker', [k]);
		expect(await claimNext(db, 'w2', [k])).toBeNull();
		await db.update(jobs).set({ lockedAt: sql`now() - interval '1 hour'` }).where(eq(jobs.id, id));
		expect(await claimNext(db, 'w2', [k])).toMatchObject({ id, lockedBy: 'w2', attempts: 2 });
	});

	it('counts pending jobs', async () => {
		const before = await countJobs(db, 'pending');
		await enqueue(db, kind('count'), {});
		await enqueue(db, kind('count'), {}, { runAt: new Date(Date.now() + 86_400_000) });
		expect(await countJobs(db, 'pending')).toBe(before + 2);
	});
});

describe('failures', () => {
	it('retries a failing job with a growing back-off, then marks it failed after maxAttempts', async () => {
		const k = kind('flaky');
		const id = await enqueue(db, k, {}, { maxAttempts: 3 });
		let calls = 0;
		const handlers = {
			[k]: async () => {
				calls++;
				throw new Error(`SMTP indisponible (${calls})`);
			}
		};
		const runAtOf = async () => (await getJob(db, id))!.runAt.getTime();

		let t0 = Date.now();
		expect(await drainJobs(db, handlers)).toBe(1);
		expect(await getJob(db, id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMTP indisponible (1)', lockedAt: null, finishedAt: null });
		// 2^1 × 5 s after the failure.
		expect((await runAtOf()) - t0).toBeGreaterThanOrEqual(10_000);
		expect((await runAtOf()) - Date.now()).toBeLessThanOrEqual(10_000);
		// Not due yet: the next drain leaves it.
		expect(await drainJobs(db, handlers)).toBe(0);

		await makeDue(id);
		t0 = Date.now();
		expect(await drainJobs(db, handlers)).toBe(1);
		expect(await getJob(db, id)).toMatchObject({ status: 'pending', attempts: 2, lastError: 'SMTP indisponible (2)' });
		expect((await runAtOf()) - t0).toBeGreaterThanOrEqual(20_000);
		expect((await runAtOf()) - Date.now()).toBeLessThanOrEqual(20_000);

		await makeDue(id);
		expect(await drainJobs(db, handlers)).toBe(1);
		const failed = (await getJob(db, id))!;
		expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: 'SMTP indisponible (3)' });
		expect(failed.finishedAt).toBeInstanceOf(Date);

		await makeDue(id);
		expect(await drainJobs(db, handlers)).toBe(0);
		expect(calls).toBe(3);
	});

	it('keeps the message of a thrown non-Error, and goes on with the next jobs', async () => {
		const k = kind('mixed');
		const bad = await enqueue(db, k, { ok: false }, { maxAttempts: 1 });
		const good = await enqueue(db, k, { ok: true });
		const handlers = {
			[k]: async (job: Job) => {
				if (!job.payload || !(job.payload as { ok: boolean }).ok) throw 'refusé par le serveur';
				return 'ok';
			}
		};
		expect(await drainJobs(db, handlers)).toBe(2);
		expect(await getJob(db, bad)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'refusé par le serveur' });
		expect(await getJob(db, good)).toMatchObject({ status: 'done', result: 'ok' });
	});
});

describe('a background worker', () => {
	it('runs a job when poked, long before its next poll, and finishes it before stopping', async () => {
		const k = kind('worker');
		let handled!: (id: string) => void;
		const ran = new Promise<string>((resolve) => (handled = resolve));
		const worker = startWorker(db, { [k]: async (job) => handled(job.id) }, { intervalMs: 60_000, workerId: 'bg' });
		try {
			// Let the first poll find nothing, so only the poke can run the job.
			await new Promise((r) => setTimeout(r, 100));
			await enqueue(db, k, {});
			worker.poke();
			const id = await ran;
			await worker.stop();
			expect(await getJob(db, id)).toMatchObject({ status: 'done', lockedBy: 'bg' });
		} finally {
			await worker.stop();
		}
	});
});

describe('two workers on one Postgres database', () => {
	it.skipIf(testEngine() !== 'postgres')('never run the same job twice: 200 jobs, each done exactly once', async () => {
		const k = kind('race');
		const ids = new Set<string>();
		for (let batch = 0; batch < 4; batch++) {
			await db.insert(jobs).values(
				Array.from({ length: 50 }, (_, i) => {
					const id = crypto.randomUUID();
					ids.add(id);
					return { id, kind: k, payload: { n: batch * 50 + i } };
				})
			);
		}
		const url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
		const second = await openDatabase({ databaseUrl: url, poolSize: 4 });
		try {
			const runs = new Map<string, string[]>();
			const handler = (worker: string) => async (job: Job) => {
				runs.set(job.id, [...(runs.get(job.id) ?? []), worker]);
				// Give the other worker the turn while this job is held.
				await new Promise((r) => setImmediate(r));
			};
			const counts = await Promise.all([
				drainJobs(db, { [k]: handler('a1') }, 'a1'),
				drainJobs(db, { [k]: handler('a2') }, 'a2'),
				drainJobs(second.db, { [k]: handler('b1') }, 'b1'),
				drainJobs(second.db, { [k]: handler('b2') }, 'b2')
			]);
			expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
			expect(counts.every((n) => n > 0)).toBe(true);
			expect([...runs.keys()].sort()).toEqual([...ids].sort());
			expect([...runs.values()].filter((w) => w.length !== 1)).toEqual([]);
			const rows = await db.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(eq(jobs.kind, k));
			expect(rows).toHaveLength(200);
			expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
		} finally {
			await second.close();
		}
	});
});

describe('periodic jobs', () => {
	it('keep one waiting run: a second call, or fifty at once, adds none', async () => {
		const k = kind('periodic');
		expect(await ensureNextRun(db, k, new Date(Date.now() + 60_000))).toBe(true);
		expect(await ensureNextRun(db, k)).toBe(false);
		await Promise.all(Array.from({ length: 50 }, () => ensureNextRun(db, k)));
		expect(await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.kind, k))).toHaveLength(1);
	});

	it.skipIf(testEngine() !== 'postgres')('two instances starting together on one server start one chain', async () => {
		const k = kind('periodic-race');
		const url = (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
		const second = await openDatabase({ databaseUrl: url, poolSize: 4 });
		try {
			const made = await Promise.all(Array.from({ length: 20 }, (_, i) => ensureNextRun(i % 2 ? db : second.db, k)));
			expect(made.filter(Boolean)).toHaveLength(1);
			expect(await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.kind, k))).toHaveLength(1);
		} finally {
			await second.close();
		}
	});

	it('a run that fails for good does not stop the chain when the handler asked for its next run first', async () => {
		const k = kind('periodic-failing');
		await ensureNextRun(db, k);
		const handler = async (job: Job, hdb: Db) => {
			await ensureNextRun(hdb, k, new Date(Date.now() + 3_600_000));
			throw new Error(`down (${job.id})`);
		};
		await drainJobs(db, { [k]: handler }, 'w');
		const rows = await db.select({ status: jobs.status, runAt: jobs.runAt }).from(jobs).where(eq(jobs.kind, k));
		// The failed run waits for its retry, and the next hourly run is there too (once, not per attempt).
		expect(rows.filter((r) => r.status === 'pending')).toHaveLength(2);
		expect(rows.some((r) => r.runAt.getTime() > Date.now() + 3_000_000)).toBe(true);
	});
});
