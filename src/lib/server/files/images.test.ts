// Showcase images and videos: real sharp on generated images (sizes, orientation, metadata, refusals),
// video signatures, and saveFile/readFile/deleteFile over both storage drivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import { InvalidError } from '../errors';
import { storedFiles } from './schema';
import { createDbStorage, createFsStorage, type FileStorage } from './storage';
import { MAX_IMAGE_BYTES, checkVideo, deleteFile, processImage, readFile, saveFile } from './images';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a7' } });

/** The issues of the InvalidError `fn` throws. */
async function issuesOf(fn: () => unknown) {
	try {
		await fn();
	} catch (e) {
		expect(e).toBeInstanceOf(InvalidError);
		return (e as InvalidError).issues;
	}
	throw new Error('expected an InvalidError');
}

describe('processImage', () => {
	it('shrinks a 3000×2000 PNG photo to a 1600-wide WebP', async () => {
		const png = await solid(3000, 2000).png().toBuffer();
		const out = await processImage(png, 'photo');
		expect(out).toMatchObject({ contentType: 'image/webp', width: 1600, height: 1067 });
		expect(out.data.subarray(8, 12).toString('latin1')).toBe('WEBP');
		const meta = await sharp(out.data).metadata();
		expect(meta).toMatchObject({ format: 'webp', width: 1600, height: 1067 });
	});

	it('fits covers inside 1600×900 and logos inside 400×400', async () => {
		const big = await solid(3000, 2000).jpeg().toBuffer();
		expect(await processImage(big, 'cover')).toMatchObject({ width: 1350, height: 900 });
		expect(await processImage(big, 'logo')).toMatchObject({ width: 400, height: 267 });
	});

	it('does not enlarge a small logo', async () => {
		const png = await solid(100, 100).png().toBuffer();
		expect(await processImage(png, 'logo')).toMatchObject({ width: 100, height: 100 });
	});

	it('honours the EXIF orientation and strips the metadata', async () => {
		// Stored 300×200 with "rotate 90° clockwise": shown 200×300.
		const jpeg = await solid(300, 200).jpeg().withMetadata({ orientation: 6 }).withExif({ IFD0: { Copyright: 'Secret GPS owner' } }).toBuffer();
		expect((await sharp(jpeg).metadata()).orientation).toBe(6);
		const out = await processImage(jpeg, 'photo');
		expect(out).toMatchObject({ width: 200, height: 300 });
		const meta = await sharp(out.data).metadata();
		expect(meta.exif).toBeUndefined();
		expect(meta.orientation).toBeUndefined();
		expect(out.data.includes('Secret GPS owner')).toBe(false);
	});

	it('accepts WebP, GIF, TIFF and AVIF inputs', async () => {
		for (const make of [(s: Sharp) => s.webp(), (s: Sharp) => s.gif(), (s: Sharp) => s.tiff(), (s: Sharp) => s.avif()]) {
			const input = await make(solid(64, 48)).toBuffer();
			expect(await processImage(input, 'photo')).toMatchObject({ contentType: 'image/webp', width: 64, height: 48 });
		}
	});

	it('refuses an SVG, with the caller’s field name', async () => {
		const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
		expect(await issuesOf(() => processImage(svg, 'logo', 'logo'))).toEqual([{ path: 'logo', message: 'error_image_type' }]);
	});

	it('refuses a text file named .png, and a PDF', async () => {
		const text = Buffer.from('Bonjour, ceci est un fichier texte renommé en logo.png\n');
		expect(await issuesOf(() => processImage(text, 'logo'))).toEqual([{ path: 'file', message: 'error_image_type' }]);
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
		expect((await issuesOf(() => processImage(pdf, 'photo')))[0].message).toBe('error_image_type');
	});

	it('refuses a PNG signature followed by garbage as unreadable', async () => {
		const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
		expect(await issuesOf(() => processImage(broken, 'photo'))).toEqual([{ path: 'file', message: 'error_image_unreadable' }]);
	});

	it('refuses more than 10 MB before decoding anything', async () => {
		const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
		expect(await issuesOf(() => processImage(big, 'cover', 'cover'))).toEqual([{ path: 'cover', message: 'error_image_too_big', params: { max: '10 Mo' } }]);
	});

	it('refuses more than 40 megapixels (read from the header, never decoded)', async () => {
		// A tiny PNG whose IHDR claims 8000×6000 (48 Mpx), CRC fixed so the header is valid.
		const png = Buffer.from(await solid(8, 6).png().toBuffer());
		png.writeUInt32BE(8000, 16);
		png.writeUInt32BE(6000, 20);
		png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
		expect(await issuesOf(() => processImage(png, 'photo'))).toEqual([{ path: 'file', message: 'error_image_too_big', params: { max: '40 Mpx' } }]);
	});
});

describe('checkVideo', () => {
	const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\0\0isomavc1`, 'latin1'), Buffer.alloc(64)]);
	const ebml = (docType: string) =>
		Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x80 | docType.length]), Buffer.from(docType, 'latin1'), Buffer.alloc(64)]);

	it('accepts MP4 and WebM by their first bytes', () => {
		expect(checkVideo(ftyp('isom'))).toBe('video/mp4');
		expect(checkVideo(ftyp('mp42'))).toBe('video/mp4');
		expect(checkVideo(ebml('webm'))).toBe('video/webm');
	});

	it('refuses still HEIF/AVIF, QuickTime, Matroska, images and text', async () => {
		const png = await solid(10, 10).png().toBuffer();
		for (const input of [ftyp('avif'), ftyp('heic'), ftyp('qt  '), ebml('matroska'), png, Buffer.from('not a video at all'), Buffer.alloc(0)]) {
			expect(await issuesOf(() => checkVideo(input, 'video'))).toEqual([{ path: 'video', message: 'error_video_type' }]);
		}
	});

	it('refuses more than 100 MB', async () => {
		const big = Buffer.alloc(100 * 1024 * 1024 + 1);
		ftyp('isom').copy(big);
		expect(await issuesOf(() => checkVideo(big))).toEqual([{ path: 'file', message: 'error_video_too_big', params: { max: '100 Mo' } }]);
	});
});

describe('saveFile, readFile, deleteFile', () => {
	let database: Database;
	let db: Db;
	let dir: string;
	beforeAll(async () => {
		database = await testDatabase();
		db = database.db;
		dir = mkdtempSync(join(tmpdir(), 'grappe-files-'));
	});
	afterAll(async () => {
		await database?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	const drivers: [string, () => FileStorage][] = [
		['fs', () => createFsStorage(dir)],
		['database', () => createDbStorage(db)]
	];

	for (const [name, make] of drivers) {
		it(`round-trips a processed image on the ${name} driver`, async () => {
			const storage = make();
			const img = await processImage(await solid(120, 80).png().toBuffer(), 'photo');
			const key = await saveFile(db, storage, { ...img, ownerOrganizationId: null, extension: 'webp' });
			expect(key).toMatch(/^[0-9a-f-]{36}\.webp$/);

			const [row] = await db.select().from(storedFiles).where(eq(storedFiles.key, key));
			expect(row).toMatchObject({ contentType: 'image/webp', size: img.data.byteLength, width: 120, height: 80, isPublic: true });
			// Bytes live in exactly one place.
			if (name === 'fs') {
				expect(row.data).toBeNull();
				expect(existsSync(join(dir, key.slice(0, 2), key))).toBe(true);
			} else expect(row.data?.equals(img.data)).toBe(true);

			const file = await readFile(db, storage, key);
			expect(file).toMatchObject({ contentType: 'image/webp', size: img.data.byteLength, isPublic: true, ownerOrganizationId: null });
			expect(file!.data.equals(img.data)).toBe(true);

			await deleteFile(db, storage, key);
			expect(await readFile(db, storage, key)).toBeNull();
			expect(await storage.get(key)).toBeNull();
			expect(await db.select().from(storedFiles).where(eq(storedFiles.key, key))).toEqual([]);
		});
	}

	it('keeps private videos private in their row', async () => {
		const storage = createDbStorage(db);
		const data = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(100, 1)]);
		const key = await saveFile(db, storage, { data, contentType: checkVideo(data), ownerOrganizationId: null, isPublic: false, extension: 'mp4' });
		expect(key.endsWith('.mp4')).toBe(true);
		expect(await readFile(db, storage, key)).toMatchObject({ contentType: 'video/mp4', isPublic: false, size: data.byteLength });
		await deleteFile(db, storage, key);
	});

	it('returns null for an unknown key and ignores its deletion', async () => {
		for (const [, make] of drivers) {
			expect(await readFile(db, make(), 'nope.webp')).toBeNull();
			await deleteFile(db, make(), 'nope.webp');
		}
	});

	it('refuses an extension that could not be part of a key', async () => {
		await expect(saveFile(db, createFsStorage(dir), { data: Buffer.from('x'), contentType: 'image/webp', ownerOrganizationId: null, extension: '../x' })).rejects.toThrow(/extension/);
	});
});
