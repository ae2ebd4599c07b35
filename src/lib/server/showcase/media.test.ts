// Uploads of showcase pages: who may upload, what is stored (re-encoded images), and the files a
// page stops using being deleted (replaced, removed, a rejected draft's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { testDatabase, type Database } from '../../../../tests/setup/db';
import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { ForbiddenError, InvalidError } from '../errors';
import { storedFiles } from '../files/schema';
import { createFsStorage, type FileStorage } from '../files/storage';
import { readFile } from '../files/images';
import { factoryActor, makeMemberUser, makeOrganization, makePerson, makeTeamUser } from '../testing/factories';
import { approveReference, createReference, getPublicShowcase, getReference, getShowcaseForEdit, updateShowcaseSettings } from './service';
import {
	addReferencePhoto,
	approveShowcase,
	rejectShowcase,
	removeReferencePhoto,
	removeReferenceWithPhotos,
	removeShowcaseImage,
	removeShowcaseVideo,
	uploadShowcaseImage,
	uploadShowcaseVideo
} from './media';

let database: Database;
let db: Db;
let dir: string;
let storage: FileStorage;
let orgId: string;
let otherOrgId: string;
let member: Actor;
let team: Actor;

beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	dir = mkdtempSync(join(tmpdir(), 'grappe-media-'));
	storage = createFsStorage(dir);
	orgId = (await makeOrganization(db, { status: 'member' })).id;
	otherOrgId = (await makeOrganization(db, { status: 'member' })).id;
	member = (await makeMemberUser(db, orgId)).actor;
	team = (await makeTeamUser(db)).actor;
});
afterAll(async () => {
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const png = async (width: number, height: number, name = 'photo.png') =>
	new File([new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#a53' } }).png().toBuffer())], name, { type: 'image/png' });
const fileCount = async () => (await db.select({ key: storedFiles.key }).from(storedFiles)).length;
const exists = async (key: string) => (await readFile(db, storage, key)) !== null;

async function issuesOf(fn: () => Promise<unknown>) {
	const e = await fn().then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(InvalidError);
	return (e as InvalidError).issues;
}

describe('uploadShowcaseImage', () => {
	it('lets a member set its own logo, stored as a shrunk WebP', async () => {
		const r = await uploadShowcaseImage(db, storage, member, orgId, 'logo', await png(1200, 800));
		expect(r).toEqual({ status: 'published' });
		const key = (await getShowcaseForEdit(db, member, orgId)).published.logoKey!;
		expect(key).toMatch(/\.webp$/);
		const [row] = await db.select().from(storedFiles).where(eq(storedFiles.key, key));
		expect(row).toMatchObject({ contentType: 'image/webp', width: 400, height: 267, ownerOrganizationId: orgId, isPublic: true });
		const stored = await readFile(db, storage, key);
		expect((await sharp(stored!.data).metadata()).format).toBe('webp');
	});

	it("refuses another organization's page and stores nothing", async () => {
		const before = await fileCount();
		await expect(uploadShowcaseImage(db, storage, member, otherOrgId, 'cover', await png(50, 50))).rejects.toBeInstanceOf(ForbiddenError);
		expect(await fileCount()).toBe(before);
		expect((await getShowcaseForEdit(db, team, otherOrgId)).published.coverKey).toBeNull();
	});

	it('names the field when the file is missing or not an image', async () => {
		expect(await issuesOf(async () => uploadShowcaseImage(db, storage, member, orgId, 'cover', new File([], '')))).toEqual([{ path: 'cover', message: 'error_file_required' }]);
		const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'x.png', { type: 'image/png' });
		expect((await issuesOf(() => uploadShowcaseImage(db, storage, member, orgId, 'cover', svg)))[0]).toMatchObject({ path: 'cover', message: 'error_image_type' });
	});

	it('deletes the replaced logo, and the removed one', async () => {
		const first = (await getShowcaseForEdit(db, member, orgId)).published.logoKey!;
		await uploadShowcaseImage(db, storage, team, orgId, 'logo', await png(300, 300));
		const second = (await getShowcaseForEdit(db, member, orgId)).published.logoKey!;
		expect(second).not.toBe(first);
		expect(await exists(first)).toBe(false);
		await removeShowcaseImage(db, storage, member, orgId, 'logo');
		expect((await getShowcaseForEdit(db, member, orgId)).published.logoKey).toBeNull();
		expect(await exists(second)).toBe(false);
	});

	it('keeps the published cover while a new one waits for approval; a rejection deletes the new one', async () => {
		await uploadShowcaseImage(db, storage, member, orgId, 'cover', await png(1600, 900));
		const published = (await getShowcaseForEdit(db, member, orgId)).published.coverKey!;
		await updateShowcaseSettings(db, factoryActor, { requireApproval: true });
		try {
			expect(await uploadShowcaseImage(db, storage, member, orgId, 'cover', await png(800, 450))).toEqual({ status: 'pending' });
			const v = await getShowcaseForEdit(db, member, orgId);
			const proposed = v.draft!.coverKey!;
			expect(v.published.coverKey).toBe(published);
			expect(proposed).not.toBe(published);
			expect(await exists(published)).toBe(true);
			await rejectShowcase(db, storage, team, orgId);
			expect(await exists(proposed)).toBe(false);
			expect(await exists(published)).toBe(true);
		} finally {
			await updateShowcaseSettings(db, factoryActor, { requireApproval: false });
		}
	});
});

describe('uploadShowcaseVideo', () => {
	const mp4 = () => new File([new Uint8Array([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2mp41')])], 'v.mp4');

	it('stores an MP4 on the own page and refuses another page', async () => {
		expect(await uploadShowcaseVideo(db, storage, member, orgId, mp4())).toEqual({ status: 'published' });
		const key = (await getShowcaseForEdit(db, member, orgId)).published.videoKey!;
		expect(key).toMatch(/\.mp4$/);
		expect((await readFile(db, storage, key))?.contentType).toBe('video/mp4');
		await expect(uploadShowcaseVideo(db, storage, member, otherOrgId, mp4())).rejects.toBeInstanceOf(ForbiddenError);
		const other = new File([await (await png(20, 20)).arrayBuffer()], 'v.mp4');
		expect((await issuesOf(() => uploadShowcaseVideo(db, storage, member, orgId, other)))[0]).toMatchObject({ path: 'video', message: 'error_video_type' });
	});

	it('waits for the team when approval is required: the public page keeps its video until then', async () => {
		const org = (await makeOrganization(db, { status: 'member' })).id;
		await makePerson(db, org, { consentPublicListing: true });
		const owner = (await makeMemberUser(db, org)).actor;
		const slug = (await getShowcaseForEdit(db, team, org)).slug;
		expect(await uploadShowcaseVideo(db, storage, owner, org, mp4())).toEqual({ status: 'published' });
		const first = (await getPublicShowcase(db, slug)).videoKey!;
		expect(first).toMatch(/\.mp4$/);
		await updateShowcaseSettings(db, factoryActor, { requireApproval: true });
		try {
			// A new video waits in the draft; the public page and the file it shows stay.
			expect(await uploadShowcaseVideo(db, storage, owner, org, mp4())).toEqual({ status: 'pending' });
			const proposed = (await getShowcaseForEdit(db, owner, org)).draft!.videoKey!;
			expect(proposed).not.toBe(first);
			expect((await getPublicShowcase(db, slug)).videoKey).toBe(first);
			await expect(approveShowcase(db, storage, owner, org)).rejects.toBeInstanceOf(ForbiddenError);
			// Rejected: the proposed file goes, the published one stays.
			await rejectShowcase(db, storage, team, org);
			expect(await exists(proposed)).toBe(false);
			expect((await getPublicShowcase(db, slug)).videoKey).toBe(first);
			// Approved: the new video goes public and the replaced file is deleted.
			await uploadShowcaseVideo(db, storage, owner, org, mp4());
			const second = (await getShowcaseForEdit(db, owner, org)).draft!.videoKey!;
			await approveShowcase(db, storage, team, org);
			expect((await getPublicShowcase(db, slug)).videoKey).toBe(second);
			expect(await exists(first)).toBe(false);
			// A removal waits too.
			expect(await removeShowcaseVideo(db, storage, owner, org)).toEqual({ status: 'pending' });
			expect((await getPublicShowcase(db, slug)).videoKey).toBe(second);
			await approveShowcase(db, storage, team, org);
			expect((await getPublicShowcase(db, slug)).videoKey).toBeNull();
			expect(await exists(second)).toBe(false);
			// The team's own upload never waits.
			expect(await uploadShowcaseVideo(db, storage, team, org, mp4())).toEqual({ status: 'published' });
			expect((await getPublicShowcase(db, slug)).videoKey).toMatch(/\.mp4$/);
		} finally {
			await updateShowcaseSettings(db, factoryActor, { requireApproval: false });
		}
	});
});

describe('reference photos', () => {
	it("lets the owner's member add and remove photos; a partner member may not", async () => {
		const { id: refId } = await createReference(db, member, orgId, { title: 'Gymnase en bois', partnerIds: [otherOrgId] });
		const partner = (await makeMemberUser(db, otherOrgId)).actor;
		await expect(addReferencePhoto(db, storage, partner, refId, await png(40, 40))).rejects.toBeInstanceOf(ForbiddenError);

		const key = await addReferencePhoto(db, storage, member, refId, await png(2400, 1200));
		expect((await getReference(db, refId)).photoKeys).toEqual([key]);
		expect(await db.select({ w: storedFiles.width, h: storedFiles.height }).from(storedFiles).where(eq(storedFiles.key, key))).toEqual([{ w: 1600, h: 800 }]);

		await expect(removeReferencePhoto(db, storage, partner, refId, key)).rejects.toBeInstanceOf(ForbiddenError);
		await removeReferencePhoto(db, storage, member, refId, key);
		expect((await getReference(db, refId)).photoKeys).toEqual([]);
		expect(await exists(key)).toBe(false);
	});

	it("sends the reference back to the team when a member adds a photo under approval, not when one is taken off", async () => {
		const { id } = await createReference(db, member, orgId, { title: 'Préau en châtaignier' });
		await updateShowcaseSettings(db, factoryActor, { requireApproval: true });
		try {
			const key = await addReferencePhoto(db, storage, member, id, await png(60, 60));
			expect((await getReference(db, id)).approvalStatus).toBe('pending');
			await approveReference(db, team, id);
			await removeReferencePhoto(db, storage, member, id, key);
			expect((await getReference(db, id)).approvalStatus).toBe('approved');
			await addReferencePhoto(db, storage, team, id, await png(60, 60));
			expect((await getReference(db, id)).approvalStatus).toBe('approved');
		} finally {
			await updateShowcaseSettings(db, factoryActor, { requireApproval: false });
		}
	});

	it('deletes the photos with the reference, not when a partner leaves it', async () => {
		const { id: refId } = await createReference(db, member, orgId, { title: 'Passerelle', partnerIds: [otherOrgId] });
		const key = await addReferencePhoto(db, storage, member, refId, await png(100, 100));
		const partner = (await makeMemberUser(db, otherOrgId)).actor;
		expect(await removeReferenceWithPhotos(db, storage, partner, refId, otherOrgId)).toBe('left');
		expect(await exists(key)).toBe(true);
		expect(await removeReferenceWithPhotos(db, storage, member, refId, orgId)).toBe('deleted');
		expect(await exists(key)).toBe(false);
	});
});
