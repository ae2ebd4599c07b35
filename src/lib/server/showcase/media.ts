// Uploads for showcase pages: the rights are checked here first, then the bytes are checked and
// re-encoded (files/images.ts), stored, and their key set through the showcase service. Files a page
// no longer uses (replaced, removed, a rejected draft's) are deleted.
import type { Db } from '../db/client';
import type { FileStorage } from '../files/storage';
import { MAX_VIDEO_BYTES, checkVideo, deleteFile, processImage, saveFile } from '../files/images';
import { canEditOrganization, type Actor } from '../auth/actor';
import { ForbiddenError, InvalidError, NotFoundError } from '../errors';
import {
	approveShowcaseDraft,
	getReference,
	getShowcaseForEdit,
	rejectShowcaseDraft,
	removeReference,
	setReferencePhotos,
	setShowcaseImage,
	setShowcaseVideo
} from './service';

/** At most this many photos per reference (setReferencePhotos refuses more). */
export const MAX_REFERENCE_PHOTOS = 12;

async function bytesOf(file: File | null | undefined, path: string): Promise<Uint8Array> {
	// A file input left empty still sends a part: no name, no bytes.
	if (!file || file.size === 0) throw new InvalidError([{ path, message: 'error_file_required' }]);
	return new Uint8Array(await file.arrayBuffer());
}

/** Every file key the page uses, published or waiting in a draft. */
function keysInUse(v: Awaited<ReturnType<typeof getShowcaseForEdit>>): Set<string> {
	const keys = [v.published, v.draft].flatMap((c) => (c ? [c.logoKey, c.coverKey, c.videoKey] : []));
	return new Set(keys.filter((k): k is string => !!k));
}

/**
 * Runs a change of the page and deletes the files it used before and no longer uses. Used for every
 * change that can drop an image or the video: an upload replacing one, a removal, an approval, a rejection.
 */
async function releasingFiles<T>(db: Db, storage: FileStorage, actor: Actor, organizationId: string, change: () => Promise<T>, newKey?: string): Promise<T> {
	const before = keysInUse(await getShowcaseForEdit(db, actor, organizationId));
	let result: T;
	try {
		result = await change();
	} catch (e) {
		// The new file was never set: nothing points to it.
		if (newKey) await deleteFile(db, storage, newKey).catch(() => {});
		throw e;
	}
	const after = keysInUse(await getShowcaseForEdit(db, actor, organizationId));
	for (const key of before) if (!after.has(key)) await deleteFile(db, storage, key);
	return result;
}

/**
 * A new logo or cover: processed to WebP, stored, then set through approval like any change.
 * Errors name the form field `which`.
 */
export async function uploadShowcaseImage(
	db: Db,
	storage: FileStorage,
	actor: Actor,
	organizationId: string,
	which: 'logo' | 'cover',
	file: File | null | undefined
): Promise<{ status: 'published' | 'pending' }> {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	const image = await processImage(await bytesOf(file, which), which, which);
	const key = await saveFile(db, storage, { ...image, ownerOrganizationId: organizationId, extension: 'webp' });
	return releasingFiles(db, storage, actor, organizationId, () => setShowcaseImage(db, actor, organizationId, which, key), key);
}

/** Takes the logo or cover off the page (through approval); the file goes once nothing uses it. */
export async function removeShowcaseImage(db: Db, storage: FileStorage, actor: Actor, organizationId: string, which: 'logo' | 'cover') {
	return releasingFiles(db, storage, actor, organizationId, () => setShowcaseImage(db, actor, organizationId, which, null));
}

/** The team publishes a draft; the images and video it replaced are deleted. */
export async function approveShowcase(db: Db, storage: FileStorage, actor: Actor, organizationId: string): Promise<void> {
	await releasingFiles(db, storage, actor, organizationId, () => approveShowcaseDraft(db, actor, organizationId));
}

/** The team drops a draft; the images and video uploaded only for it are deleted. */
export async function rejectShowcase(db: Db, storage: FileStorage, actor: Actor, organizationId: string): Promise<void> {
	await releasingFiles(db, storage, actor, organizationId, () => rejectShowcaseDraft(db, actor, organizationId));
}

/**
 * An MP4 or WebM video (100 MB at most) for the page, set through approval like any change; replaces
 * the previous one. Errors name the field `video`.
 */
export async function uploadShowcaseVideo(
	db: Db,
	storage: FileStorage,
	actor: Actor,
	organizationId: string,
	file: File | null | undefined
): Promise<{ status: 'published' | 'pending' }> {
	if (!canEditOrganization(actor, organizationId)) throw new ForbiddenError();
	// Refused before reading the bytes when the size already says so.
	if (file && file.size > MAX_VIDEO_BYTES) throw new InvalidError([{ path: 'video', message: 'error_video_too_big', params: { max: '100 Mo' } }]);
	const bytes = await bytesOf(file, 'video');
	const contentType = checkVideo(bytes, 'video');
	const key = await saveFile(db, storage, {
		data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
		contentType,
		ownerOrganizationId: organizationId,
		extension: contentType === 'video/webm' ? 'webm' : 'mp4'
	});
	return releasingFiles(db, storage, actor, organizationId, () => setShowcaseVideo(db, actor, organizationId, key), key);
}

/** Takes the video off the page (through approval); the file goes once nothing uses it. */
export async function removeShowcaseVideo(db: Db, storage: FileStorage, actor: Actor, organizationId: string): Promise<{ status: 'published' | 'pending' }> {
	return releasingFiles(db, storage, actor, organizationId, () => setShowcaseVideo(db, actor, organizationId, null));
}

/** The reference, when the actor may edit it (its owner's editors, or the team). */
async function editableReference(db: Db, actor: Actor, referenceId: string) {
	const r = await getReference(db, referenceId);
	if (!r.ownerOrganizationId || !canEditOrganization(actor, r.ownerOrganizationId)) throw new ForbiddenError();
	return r;
}

/** Adds a photo to a reference. Errors name the field `photo`. */
export async function addReferencePhoto(db: Db, storage: FileStorage, actor: Actor, referenceId: string, file: File | null | undefined): Promise<string> {
	const r = await editableReference(db, actor, referenceId);
	if (r.photoKeys.length >= MAX_REFERENCE_PHOTOS) throw new InvalidError([{ path: 'photo', message: 'error_too_many' }]);
	const image = await processImage(await bytesOf(file, 'photo'), 'photo', 'photo');
	const key = await saveFile(db, storage, { ...image, ownerOrganizationId: r.ownerOrganizationId, extension: 'webp' });
	try {
		await setReferencePhotos(db, actor, referenceId, [...r.photoKeys, key]);
	} catch (e) {
		await deleteFile(db, storage, key).catch(() => {});
		throw e;
	}
	return key;
}

/** Takes a photo off a reference and deletes its file. */
export async function removeReferencePhoto(db: Db, storage: FileStorage, actor: Actor, referenceId: string, key: string): Promise<void> {
	const r = await editableReference(db, actor, referenceId);
	if (!r.photoKeys.includes(key)) throw new NotFoundError('photo', key);
	await setReferencePhotos(db, actor, referenceId, r.photoKeys.filter((k) => k !== key));
	await deleteFile(db, storage, key);
}

/**
 * removeReference, and the photos' files when the reference itself is deleted (its owner's page
 * deletes it; a partner only leaves it and the photos stay).
 */
export async function removeReferenceWithPhotos(db: Db, storage: FileStorage, actor: Actor, referenceId: string, organizationId: string): Promise<'deleted' | 'left'> {
	const r = await getReference(db, referenceId);
	const outcome = await removeReference(db, actor, referenceId, organizationId);
	if (outcome === 'deleted') for (const key of r.photoKeys) await deleteFile(db, storage, key);
	return outcome;
}
