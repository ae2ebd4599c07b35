import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { getApp } from '$lib/server/app';

export async function GET() {
	const app = await getApp();
	await app.database.db.execute(sql`select 1`);
	return json({ status: 'ok', db: app.database.engine, version: app.version }, { headers: { 'cache-control': 'no-store' } });
}
