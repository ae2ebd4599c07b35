// Stores and reads uploads; old ones are removed so a forgotten preview does not keep data forever.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { uploads } from './schema';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import type { Actor } from '../auth/actor';

export type Upload = typeof uploads.$inferSelect;

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export async function saveUpload(db: Db, actor: Actor, purpose: string, file: { name: string; type?: string; data: Uint8Array }): Promise<Upload> {
	if (file.data.byteLength === 0) throw new InvalidError([{ path: 'file', message: 'error_file_empty' }]);
	if (file.data.byteLength > MAX_UPLOAD_BYTES) throw new InvalidError([{ path: 'file', message: 'error_file_too_big', params: { max: '20 Mo' } }]);
	// Drop uploads older than a day: previews nobody committed.
	await db.delete(uploads).where(lt(uploads.createdAt, new Date(Date.now() - 86400_000)));
	const [u] = await db
		.insert(uploads)
		.values({ id: crypto.randomUUID(), purpose, filename: file.name.slice(0, 200), contentType: file.type ?? null, size: file.data.byteLength, data: Buffer.from(file.data), ownerId: actor.id })
		.returning();
	return u;
}

export async function getUpload(db: Db, actor: Actor, id: string, purpose: string): Promise<Upload> {
	const [u] = await db.select().from(uploads).where(and(eq(uploads.id, id), eq(uploads.purpose, purpose)));
	if (!u) throw new NotFoundError('upload', id);
	// Tokens and the CLI have no user id: only an admin may read an upload it did not make.
	if ((actor.id === null || u.ownerId !== actor.id) && actor.role !== 'admin') throw new ForbiddenError();
	return u;
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
	await db.delete(uploads).where(eq(uploads.id, id));
}
