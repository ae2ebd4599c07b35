// One cold start, run as a child process by bench/run.ts: open the database, migrate, answer one
// organization list. Prints one JSON line as soon as the list is answered; times are milliseconds
// since this process started (performance.timeOrigin).
// Usage: node --import tsx bench/cold-start.ts '{"dataDir":"/tmp/x"}' | '{"databaseUrl":"postgres://…"}'
export {};

const startedAt = performance.now();
const opts = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string; databaseUrl?: string };

const { openDatabase, migrateDatabase } = await import('../src/lib/server/db/client.ts');
const { listOrganizations } = await import('../src/lib/server/crm/service.ts');
const { cliActor } = await import('../src/lib/server/auth/actor.ts');
const importedAt = performance.now();

const database = await openDatabase(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : { dataDir: opts.dataDir });
const openedAt = performance.now();
await migrateDatabase(database);
const migratedAt = performance.now();
const page = await listOrganizations(database.db, cliActor, {});
const answeredAt = performance.now();

process.stdout.write(
	JSON.stringify({
		scriptStartMs: startedAt,
		importMs: importedAt - startedAt,
		openMs: openedAt - importedAt,
		migrateMs: migratedAt - openedAt,
		firstQueryMs: answeredAt - migratedAt,
		answeredMs: answeredAt,
		total: page.total
	}) + '\n'
);
await database.close();
