// Both storage drivers (round trip, delete, key checks, atomic writes), the driver choice from the
// environment, and the public /files/[key] route (caching, 404s, byte ranges for video).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { storedFiles } from './schema';
import { createDbStorage, createFsStorage, createStorage, isValidKey, type FileStorage } from './storage';
import { saveFile } from './images';

// The route takes its database from getApp(): give it this file's test database.
const appRef = vi.hoisted(() => ({ database: undefined as unknown }));
vi.mock('$lib/server/app', () => ({ getApp: async () => appRef }));

let database: Database;
let db: Db;
let dir: string;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	appRef.database = database;
	dir = mkdtempSync(join(tmpdir(), 'grappe-storage-'));
});
afterAll(async () => {
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const BAD_KEYS = ['../x', '..', '.hidden', 'a/b', 'a\\b', 'Upper.webp', '', 'x'.repeat(122), 'é.webp', 'a\0b'];

describe('keys', () => {
	it('accepts our keys and refuses anything path-like', () => {
		expect(isValidKey(`${crypto.randomUUID()}.webp`)).toBe(true);
		expect(isValidKey('a')).toBe(true);
		for (const k of BAD_KEYS) expect(isValidKey(k), k).toBe(false);
	});
});

describe.each([
	['fs', () => createFsStorage(dir)],
	['database', () => createDbStorage(db)]
] as [string, () => FileStorage][])('%s driver', (name, make) => {
	it('round-trips, overwrites and deletes', async () => {
		const storage = make();
		expect(storage.kind).toBe(name);
		const key = `${crypto.randomUUID()}.bin`;
		expect(await storage.get(key)).toBeNull();
		const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
		await storage.put(key, bytes);
		expect((await storage.get(key))!.equals(bytes)).toBe(true);
		await storage.put(key, Buffer.from('second'));
		expect((await storage.get(key))!.toString()).toBe('second');
		await storage.delete(key);
		expect(await storage.get(key)).toBeNull();
		await storage.delete(key); // twice is fine
	});

	it('reads a slice of a file without the rest', async () => {
		const storage = make();
		const key = `${crypto.randomUUID()}.bin`;
		expect(await storage.read(key, 0, 10)).toBeNull();
		const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
		await storage.put(key, bytes);
		expect([...(await storage.read(key, 2, 3))!]).toEqual([2, 3, 4]);
		// Fewer bytes at the end of the file, none past it.
		expect([...(await storage.read(key, 298, 10))!]).toEqual([42, 43]);
		expect((await storage.read(key, 300, 10))!.byteLength).toBe(0);
		await storage.delete(key);
	});
});

describe('fs driver', () => {
	it('shards by the first two characters and leaves no temp file', async () => {
		const storage = createFsStorage(dir);
		await storage.put('ab12.webp', Buffer.from('x'));
		expect(readdirSync(join(dir, 'ab'))).toEqual(['ab12.webp']);
		await storage.delete('ab12.webp');
	});

	it('refuses path traversal and other bad keys on every operation', async () => {
		const storage = createFsStorage(join(dir, 'inner'));
		for (const k of BAD_KEYS) {
			await expect(storage.put(k, Buffer.from('evil')), k).rejects.toThrow(/invalid file key/);
			await expect(storage.get(k), k).rejects.toThrow(/invalid file key/);
			await expect(storage.delete(k), k).rejects.toThrow(/invalid file key/);
		}
		expect(existsSync(join(dir, 'x'))).toBe(false);
		expect(existsSync(join(dir, 'inner'))).toBe(false);
	});
});

describe('database driver', () => {
	it('creates a private row when put without saveFile, and delete removes the row', async () => {
		const storage = createDbStorage(db);
		await storage.put('loose.bin', Buffer.from('abc'));
		const [row] = await db.select().from(storedFiles).where(eq(storedFiles.key, 'loose.bin'));
		expect(row).toMatchObject({ isPublic: false, size: 3, contentType: 'application/octet-stream' });
		await storage.delete('loose.bin');
		expect(await db.select().from(storedFiles).where(eq(storedFiles.key, 'loose.bin'))).toEqual([]);
	});

	it('answers null for a bad key instead of querying', async () => {
		expect(await createDbStorage(db).get('../x')).toBeNull();
		await createDbStorage(db).delete('../x');
	});
});

describe('createStorage', () => {
	it('defaults to fs in DATA_DIR/files, or the database with DATABASE_URL; FILE_STORAGE decides', async () => {
		expect(createStorage(db, {}).kind).toBe('fs');
		expect(createStorage(db, { DATABASE_URL: 'postgres://x/y' }).kind).toBe('database');
		expect(createStorage(db, { DATABASE_URL: 'postgres://x/y', FILE_STORAGE: 'fs', DATA_DIR: dir }).kind).toBe('fs');
		expect(createStorage(db, { FILE_STORAGE: 'database' }).kind).toBe('database');
		expect(() => createStorage(db, { FILE_STORAGE: 's3' })).toThrow(/FILE_STORAGE/);

		const fsStorage = createStorage(db, { DATA_DIR: join(dir, 'data') });
		await fsStorage.put('cd34', Buffer.from('y'));
		expect(existsSync(resolve(dir, 'data', 'files', 'cd', 'cd34'))).toBe(true);
	});
});

describe('GET /files/[key]', () => {
	type Handler = (event: unknown) => Promise<Response>;
	let GET: Handler;
	let imageKey: string;
	let videoKey: string;
	let privateKey: string;
	const video = Buffer.from(Array.from({ length: 100 }, (_, i) => i));

	beforeAll(async () => {
		// The route builds its storage from the environment on first use: keep tests off ./data.
		vi.stubEnv('FILE_STORAGE', 'database');
		GET = (await import('../../../routes/files/[key]/+server')).GET as unknown as Handler;
		const storage = createDbStorage(db);
		imageKey = await saveFile(db, storage, { data: Buffer.from('RIFF0000WEBPfake'), contentType: 'image/webp', width: 1, height: 1, ownerOrganizationId: null, extension: 'webp' });
		videoKey = await saveFile(db, storage, { data: video, contentType: 'video/mp4', ownerOrganizationId: null, extension: 'mp4' });
		privateKey = await saveFile(db, storage, { data: Buffer.from('secret'), contentType: 'image/webp', ownerOrganizationId: null, isPublic: false, extension: 'webp' });
	});
	afterAll(() => {
		vi.unstubAllEnvs();
	});

	const get = (key: string, headers: Record<string, string> = {}) =>
		GET({ params: { key }, request: new Request(`http://localhost/files/${encodeURIComponent(key)}`, { headers }) });

	it('serves a public image, cached forever, with its ETag', async () => {
		const res = await get(imageKey);
		expect(res.status).toBe(200);
		expect(Object.fromEntries(res.headers)).toMatchObject({
			'content-type': 'image/webp',
			'content-length': '16',
			'cache-control': 'public, max-age=31536000, immutable',
			etag: `"${imageKey}"`,
			'x-content-type-options': 'nosniff'
		});
		expect(res.headers.get('accept-ranges')).toBeNull();
		expect(await res.text()).toBe('RIFF0000WEBPfake');
	});

	it('answers 304 to a matching If-None-Match', async () => {
		const res = await get(imageKey, { 'if-none-match': `W/"other", "${imageKey}"` });
		expect(res.status).toBe(304);
		expect(res.headers.get('etag')).toBe(`"${imageKey}"`);
		expect(await res.text()).toBe('');
		expect((await get(imageKey, { 'if-none-match': '"other"' })).status).toBe(200);
	});

	it('answers a plain 404 for unknown, private and malformed keys', async () => {
		for (const key of ['0000.webp', privateKey, '../etc/passwd', 'UPPER']) {
			const res = await get(key);
			expect(res.status, key).toBe(404);
			expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
			expect(res.headers.get('cache-control')).toBe('no-store');
		}
	});

	it('serves byte ranges of a video', async () => {
		const full = await get(videoKey);
		expect(full.status).toBe(200);
		expect(full.headers.get('accept-ranges')).toBe('bytes');
		expect(Buffer.from(await full.arrayBuffer()).equals(video)).toBe(true);

		const cases: [string, number, number][] = [
			['bytes=0-9', 0, 9],
			['bytes=90-', 90, 99],
			['bytes=95-200', 95, 99],
			['bytes=-5', 95, 99],
			['bytes=0-0', 0, 0]
		];
		for (const [range, start, end] of cases) {
			const res = await get(videoKey, { range });
			expect(res.status, range).toBe(206);
			expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/100`);
			expect(res.headers.get('content-length')).toBe(String(end - start + 1));
			expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...video.subarray(start, end + 1)]);
		}
	});

	it('streams a video larger than its 1 MiB slices, whole and by a range across slices', async () => {
		const big = Buffer.alloc(2.5 * 2 ** 20);
		for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
		const key = await saveFile(db, createDbStorage(db), { data: big, contentType: 'video/webm', ownerOrganizationId: null, extension: 'webm' });
		const full = await get(key);
		expect(full.headers.get('content-length')).toBe(String(big.length));
		expect(Buffer.from(await full.arrayBuffer()).equals(big)).toBe(true);
		const start = 2 ** 20 - 5;
		const end = 2 * 2 ** 20 + 5;
		const part = await get(key, { range: `bytes=${start}-${end}` });
		expect(part.status).toBe(206);
		expect(Buffer.from(await part.arrayBuffer()).equals(big.subarray(start, end + 1))).toBe(true);
	});

	it('answers 416 past the end and the whole file to ranges it does not handle', async () => {
		const res = await get(videoKey, { range: 'bytes=100-' });
		expect(res.status).toBe(416);
		expect(res.headers.get('content-range')).toBe('bytes */100');
		for (const range of ['bytes=0-1,5-6', 'items=0-5', 'bytes=9-2']) {
			const r = await get(videoKey, { range });
			expect(r.status, range).toBe(200);
			expect(r.headers.get('content-length')).toBe('100');
		}
		// A stale If-Range validator: the whole file.
		expect((await get(videoKey, { range: 'bytes=0-9', 'if-range': '"old"' })).status).toBe(200);
		expect((await get(videoKey, { range: 'bytes=0-9', 'if-range': `"${videoKey}"` })).status).toBe(206);
	});
});
