// Public stored files (logos, covers, photos, videos). Keys are random and never reused, so a
// response is cached forever; private files are not served here (a route checking rights will be).
import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app';
import { createStorage, isValidKey, type FileStorage } from '$lib/server/files/storage';
import { fileInfo } from '$lib/server/files/images';

let storage: FileStorage | undefined;

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

export const GET: RequestHandler = async ({ params, request }) => {
	const key = params.key;
	if (!isValidKey(key)) return notFound();
	const etag = `"${key}"`;
	const common: Record<string, string> = {
		'cache-control': 'public, max-age=31536000, immutable',
		etag,
		'x-content-type-options': 'nosniff'
	};
	const app = await getApp();
	const db = app.database.db;
	storage ??= createStorage(db);
	const file = await fileInfo(db, key);
	if (!file || !file.isPublic) return notFound();

	const isVideo = file.contentType.startsWith('video/');
	if (isVideo) common['accept-ranges'] = 'bytes';
	if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: common });

	const size = file.size;
	const rangeHeader = request.headers.get('range');
	// If-Range with another validator means "the copy I have changed": send it all (never happens, keys are immutable).
	const ifRange = request.headers.get('if-range');
	if (isVideo && rangeHeader && (!ifRange || ifRange === etag)) {
		const range = parseRange(rangeHeader, size);
		if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...common, 'content-range': `bytes */${size}` } });
		if (range) {
			const [start, end] = range;
			return new Response(stream(storage, key, start, end), {
				status: 206,
				headers: { ...common, 'content-type': file.contentType, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` }
			});
		}
	}
	if (size === 0) return new Response(null, { headers: { ...common, 'content-type': file.contentType, 'content-length': '0' } });
	return new Response(stream(storage, key, 0, size - 1), { headers: { ...common, 'content-type': file.contentType, 'content-length': String(size) } });
};

/** Bytes start…end (inclusive) read and sent 1 MiB at a time: a 100 MB video never sits whole in memory. */
const CHUNK = 1 << 20;
function stream(storage: FileStorage, key: string, start: number, end: number): ReadableStream<Uint8Array> {
	let position = start;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (position > end) return controller.close();
			const chunk = await storage.read(key, position, Math.min(CHUNK, end - position + 1));
			if (!chunk?.byteLength) return controller.error(new Error(`file ${key}: bytes missing from ${position}`));
			position += chunk.byteLength;
			controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
			if (position > end) controller.close();
		}
	});
}

function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	return header.split(',').some((t) => {
		const v = t.trim().replace(/^W\//, '');
		return v === '*' || v === etag;
	});
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range, clamped to the file; null to ignore the header
 * (malformed or several ranges: the whole file is a valid answer), 'unsatisfiable' for 416.
 */
function parseRange(header: string, size: number): [number, number] | null | 'unsatisfiable' {
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return null;
	if (m[1] === '') {
		const suffix = Number(m[2]);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return [Math.max(0, size - suffix), size - 1];
	}
	const start = Number(m[1]);
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	if (start >= size) return 'unsatisfiable';
	if (end < start) return null;
	return [start, end];
}
