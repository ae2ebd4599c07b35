// Images and videos for public showcase pages: checked by their real bytes (never the name or the
// browser's type), images re-encoded to WebP so nothing the member uploaded is served as is.
// These functions do NOT check the actor's rights: the calling service does, before calling them.
import sharp from 'sharp';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { InvalidError } from '../errors';
import { storedFiles } from './schema';
import type { FileStorage } from './storage';

export type ImagePurpose = 'logo' | 'cover' | 'photo';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_VIDEO_BYTES = 100 * 1024 * 1024;

const BOXES: Record<ImagePurpose, { width: number; height: number }> = {
	logo: { width: 400, height: 400 },
	cover: { width: 1600, height: 900 },
	photo: { width: 1600, height: 1600 }
};

// sharp reports AVIF as 'heif'; 'avif' kept in case a libvips version names it.
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heif']);

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));

/** ISO BMFF major brand (bytes 8-12) when bytes 4-8 are 'ftyp', else null. */
function ftypBrand(b: Uint8Array): string | null {
	return b.byteLength >= 12 && ascii(b, 4, 8) === 'ftyp' ? ascii(b, 8, 12) : null;
}

const HEIF_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

/**
 * Cheap signature check before sharp sees the bytes, so SVG, PDF and the other loaders libvips
 * carries (librsvg, ImageMagick…) never parse member input.
 */
function looksLikeImage(b: Uint8Array): boolean {
	if (b.byteLength < 12) return false;
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return true; // JPEG
	if (b[0] === 0x89 && ascii(b, 1, 4) === 'PNG') return true;
	const head6 = ascii(b, 0, 6);
	if (head6 === 'GIF87a' || head6 === 'GIF89a') return true;
	if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return true;
	if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return true; // TIFF
	const brand = ftypBrand(b);
	return brand !== null && HEIF_BRANDS.has(brand);
}

function fail(path: string, message: string, params?: Record<string, string | number>): never {
	throw new InvalidError([{ path, message, ...(params ? { params } : {}) }]);
}

export interface ProcessedImage {
	data: Buffer;
	contentType: 'image/webp';
	width: number;
	height: number;
}

/**
 * Checks, orients, strips and shrinks an uploaded image into a WebP. `path` names the form field
 * the errors belong to. Throws InvalidError error_image_type | error_image_too_big | error_image_unreadable.
 */
export async function processImage(input: Uint8Array, purpose: ImagePurpose, path = 'file'): Promise<ProcessedImage> {
	if (input.byteLength > MAX_IMAGE_BYTES) fail(path, 'error_image_too_big', { max: '10 Mo' });
	if (!looksLikeImage(input)) fail(path, 'error_image_type');
	// failOn 'error': phone photos often carry harmless decoder warnings; real corruption still fails.
	const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' as const };
	let format: string | undefined;
	try {
		({ format } = await sharp(input, options).metadata());
	} catch (e) {
		if (isPixelLimit(e)) fail(path, 'error_image_too_big', { max: '40 Mpx' });
		fail(path, 'error_image_unreadable');
	}
	if (!format || !IMAGE_FORMATS.has(format)) fail(path, 'error_image_type');
	const box = BOXES[purpose];
	try {
		// Only the first frame of an animation; default output drops EXIF/XMP/ICC (after converting to sRGB).
		const { data, info } = await sharp(input, options)
			.autoOrient()
			.resize({ width: box.width, height: box.height, fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 80 })
			.toBuffer({ resolveWithObject: true });
		return { data, contentType: 'image/webp', width: info.width, height: info.height };
	} catch (e) {
		if (isPixelLimit(e)) fail(path, 'error_image_too_big', { max: '40 Mpx' });
		// A HEIC (HEVC) photo: sharp's prebuilt libvips only decodes AVIF, so say "use another format".
		return fail(path, format === 'heif' ? 'error_image_type' : 'error_image_unreadable');
	}
}

function isPixelLimit(e: unknown): boolean {
	return e instanceof Error && /pixel limit/i.test(e.message);
}

export type VideoContentType = 'video/mp4' | 'video/webm';

/**
 * MP4 (an ISO BMFF `ftyp` box, not a still HEIF/AVIF nor a QuickTime .mov) or WebM (EBML with DocType
 * "webm"), up to 100 MB. Returns the content type to store; throws error_video_type | error_video_too_big.
 */
export function checkVideo(input: Uint8Array, path = 'file'): VideoContentType {
	if (input.byteLength > MAX_VIDEO_BYTES) fail(path, 'error_video_too_big', { max: '100 Mo' });
	const brand = ftypBrand(input);
	if (brand !== null && !HEIF_BRANDS.has(brand) && brand !== 'qt  ') return 'video/mp4';
	if (input.byteLength >= 4 && input[0] === 0x1a && input[1] === 0x45 && input[2] === 0xdf && input[3] === 0xa3) {
		// Matroska shares the EBML magic; browsers only promise WebM. The DocType sits in the first bytes.
		if (ascii(input, 4, Math.min(input.byteLength, 64)).includes('webm')) return 'video/webm';
	}
	return fail(path, 'error_video_type');
}

export interface SaveFileInput {
	data: Buffer;
	contentType: string;
	width?: number | null;
	height?: number | null;
	ownerOrganizationId: string | null;
	isPublic?: boolean;
	/** Without the dot: 'webp', 'mp4'… */
	extension: string;
}

/** Stores the bytes and their row; returns the new key (random, never reused, so served as immutable). */
export async function saveFile(db: Db, storage: FileStorage, input: SaveFileInput): Promise<string> {
	const extension = input.extension.toLowerCase().replace(/^\./, '');
	if (!/^[a-z0-9]{1,10}$/.test(extension)) throw new Error(`invalid file extension: ${input.extension}`);
	const key = `${crypto.randomUUID()}.${extension}`;
	const row = {
		key,
		contentType: input.contentType,
		size: input.data.byteLength,
		width: input.width ?? null,
		height: input.height ?? null,
		isPublic: input.isPublic ?? true,
		ownerOrganizationId: input.ownerOrganizationId
	};
	if (storage.kind === 'database') {
		await db.insert(storedFiles).values({ ...row, data: input.data });
		return key;
	}
	// Bytes first: a row never points to missing bytes; a failed insert removes them again.
	await storage.put(key, input.data);
	try {
		await db.insert(storedFiles).values({ ...row, data: null });
	} catch (e) {
		await storage.delete(key).catch(() => {});
		throw e;
	}
	return key;
}

export interface StoredFile {
	data: Buffer;
	contentType: string;
	size: number;
	isPublic: boolean;
	ownerOrganizationId: string | null;
}

/** A file's metadata, without its bytes (read them with FileStorage.read); null for an unknown key. */
export async function fileInfo(db: Db, key: string): Promise<Omit<StoredFile, 'data'> | null> {
	const [row] = await db
		.select({ contentType: storedFiles.contentType, size: storedFiles.size, isPublic: storedFiles.isPublic, ownerOrganizationId: storedFiles.ownerOrganizationId })
		.from(storedFiles)
		.where(eq(storedFiles.key, key));
	return row ?? null;
}

/** The file and its metadata, or null when the key is unknown or its bytes are gone. */
export async function readFile(db: Db, storage: FileStorage, key: string): Promise<StoredFile | null> {
	const [row] = await db.select().from(storedFiles).where(eq(storedFiles.key, key));
	if (!row) return null;
	const data = row.data ?? (storage.kind === 'database' ? null : await storage.get(key));
	if (!data) return null;
	return { data, contentType: row.contentType, size: data.byteLength, isPublic: row.isPublic, ownerOrganizationId: row.ownerOrganizationId };
}

/** Removes the row first (so it stops being served), then the bytes. Unknown keys are ignored. */
export async function deleteFile(db: Db, storage: FileStorage, key: string): Promise<void> {
	await db.delete(storedFiles).where(eq(storedFiles.key, key));
	await storage.delete(key);
}

/**
 * Deletes the private files of organizations that no longer exist (a CV sent to a company, an agreement
 * it signed): deleting an organization cascades through its rows, not through the bytes those rows named.
 * The bytes go before their row, so a failure leaves the row to find them again. Returns how many went.
 */
export async function deleteOrphanPrivateFiles(db: Db, storage: FileStorage): Promise<number> {
	const rows = await queryRows<{ key: string }>(
		db,
		sql`select f.key from stored_files f where not f.is_public and f.owner_organization_id is not null
			and not exists (select 1 from organizations o where o.id = f.owner_organization_id)`
	);
	for (const { key } of rows) {
		await storage.delete(key);
		await db.delete(storedFiles).where(eq(storedFiles.key, key));
	}
	return rows.length;
}
