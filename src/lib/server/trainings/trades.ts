// Trades (métiers): the list the team names and orders, read by job offers, shared positions and trainings.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { trades } from './schema';

export interface TradeSummary {
	id: string;
	position: number;
	name: string;
	slug: string;
}

/** Every trade in the team's order (id, position, name, slug): what a select of trades offers. */
export async function listTrades(db: Db): Promise<TradeSummary[]> {
	return db.select({ id: trades.id, position: trades.position, name: trades.name, slug: trades.slug }).from(trades).orderBy(asc(trades.position), asc(trades.name));
}

/** One trade by the slug of its public page, or null. */
export async function getTradeBySlug(db: Db, slug: string): Promise<TradeSummary | null> {
	const [row] = await db.select({ id: trades.id, position: trades.position, name: trades.name, slug: trades.slug }).from(trades).where(eq(trades.slug, slug));
	return row ?? null;
}

/** One trade by id, or null. */
export async function getTradeById(db: Db, id: string): Promise<TradeSummary | null> {
	const [row] = await db.select({ id: trades.id, position: trades.position, name: trades.name, slug: trades.slug }).from(trades).where(eq(trades.id, id));
	return row ?? null;
}
