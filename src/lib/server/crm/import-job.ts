// Runs an organizations import in the job queue, so a long file never holds a request open; progress is readable meanwhile.
import type { Db } from '../db/client';
import { enqueue, getJob, type JobHandler } from '../jobs/queue';
import { commitImport, type ColumnMapping, type OnDuplicate } from './import';
import { deleteUpload, getUpload } from '../files/service';
import { InvalidError, NotFoundError, ForbiddenError, type FieldIssue } from '../errors';
import { requireStaff, type Actor } from '../auth/actor';

export const IMPORT_JOB = 'crm.import';
export const IMPORT_UPLOAD = 'crm.import';

interface ImportJobPayload {
	uploadId: string;
	mapping?: ColumnMapping;
	onDuplicate: OnDuplicate;
	actor: Actor;
}

export type ImportJobResult =
	| { ok: true; created: number; updated: number; skipped: number }
	| { ok: false; issues: FieldIssue[] };

/** Progress of imports running in this process (a transaction's progress is not visible in the database until it ends). */
const progress = new Map<string, { done: number; total: number }>();

export async function queueImport(db: Db, actor: Actor, opts: { uploadId: string; mapping?: ColumnMapping; onDuplicate: OnDuplicate }): Promise<string> {
	requireStaff(actor);
	await getUpload(db, actor, opts.uploadId, IMPORT_UPLOAD);
	const payload: ImportJobPayload = { ...opts, actor };
	return enqueue(db, IMPORT_JOB, payload as unknown as Record<string, unknown>, { maxAttempts: 1 });
}

export const importJobHandler: JobHandler = async (job, db) => {
	const p = job.payload as unknown as ImportJobPayload;
	const upload = await getUpload(db, p.actor, p.uploadId, IMPORT_UPLOAD);
	progress.set(job.id, { done: 0, total: 0 });
	try {
		const r = await commitImport(db, p.actor, { name: upload.filename, type: upload.contentType ?? undefined, data: upload.data }, {
			mapping: p.mapping,
			onDuplicate: p.onDuplicate,
			onProgress: (done, total) => progress.set(job.id, { done, total })
		});
		await deleteUpload(db, upload.id);
		return { ok: true, ...r } satisfies ImportJobResult;
	} catch (e) {
		// A bad row is an answer for the user, not a failure to retry.
		if (e instanceof InvalidError) return { ok: false, issues: e.issues } satisfies ImportJobResult;
		throw e;
	} finally {
		progress.delete(job.id);
	}
};

export interface ImportJobStatus {
	id: string;
	status: 'pending' | 'running' | 'done' | 'failed';
	progress: { done: number; total: number } | null;
	result: ImportJobResult | null;
	error: string | null;
	uploadId: string;
}

export async function getImportJob(db: Db, actor: Actor, id: string): Promise<ImportJobStatus> {
	requireStaff(actor);
	const job = await getJob(db, id);
	if (!job || job.kind !== IMPORT_JOB) throw new NotFoundError('job', id);
	const p = job.payload as unknown as ImportJobPayload;
	if (p.actor.id !== actor.id && actor.role !== 'admin') throw new ForbiddenError();
	return {
		id: job.id,
		status: job.status as ImportJobStatus['status'],
		progress: progress.get(job.id) ?? null,
		result: (job.result as ImportJobResult | null) ?? null,
		error: job.lastError,
		uploadId: p.uploadId
	};
}
