// RSS 2.0 and Atom feeds of the board's live offers, with the board's filters (the `feed` package).
import { Feed } from 'feed';
import type { Db } from '../db/client';
import { getClusterSettings } from '../settings/service';
import { t, type Locale } from '../../i18n/t';
import { searchOffers } from './service';
import { descriptionHtml, escapeHtml } from './jsonld';
import { boardParams, type BoardQuery } from './validation';

const FEED_SIZE = 50;

/**
 * Member-written text in a feed: the `feed` package writes titles and descriptions in CDATA as HTML,
 * unescaped, and breaks on a second `]]>`. So the text is escaped as HTML (a reader shows it, never
 * runs it), and `]]>` cannot survive: its `>` is escaped already.
 */
function feedText(s: string): string {
	return escapeHtml(s);
}

export async function offersFeed(db: Db, query: Partial<BoardQuery>, origin: string, format: 'rss' | 'atom', locale: Locale = 'fr'): Promise<string> {
	const cluster = await getClusterSettings(db);
	const { offers } = await searchOffers(db, { ...query, page: 1 }, { pageSize: FEED_SIZE });
	const search = boardParams(query).toString();
	const suffix = search ? `?${search}` : '';
	const feed = new Feed({
		title: t('employment_feed_title', { cluster: cluster.name }, locale),
		description: t('employment_feed_description', { cluster: cluster.name }, locale),
		id: `${origin}/jobs${suffix}`,
		link: `${origin}/jobs${suffix}`,
		language: locale,
		updated: offers[0]?.publishedAt ?? new Date(0),
		generator: 'Grappe',
		copyright: cluster.name,
		feedLinks: { rss: `${origin}/jobs/feed.xml${suffix}`, atom: `${origin}/jobs/atom.xml${suffix}` }
	});
	for (const o of offers) {
		const place = o.remote === 'full' ? t('employment_remote_full', {}, locale) : (o.communeName ?? '');
		feed.addItem({
			title: feedText(`${o.title} — ${o.organizationName}${place ? ` (${place})` : ''}`),
			id: `${origin}/jobs/${o.slug}`,
			link: `${origin}/jobs/${o.slug}`,
			date: o.publishedAt ?? o.createdAt,
			published: o.publishedAt ?? o.createdAt,
			description: descriptionHtml(`${t(`employment_contract_${o.contractKind}`, {}, locale)} · ${o.organizationName}${place ? ` · ${place}` : ''}. ${o.description.slice(0, 400)}${o.description.length > 400 ? '…' : ''}`),
			author: [{ name: o.organizationName }],
			category: o.tradeName ? [{ name: o.tradeName }] : undefined
		});
	}
	return format === 'rss' ? feed.rss2() : feed.atom1();
}
