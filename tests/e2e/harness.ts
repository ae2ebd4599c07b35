// Starts the built Grappe on a free port with its own data directory and a real SMTP server on loopback,
// and drives Debian's Chromium with playwright-core; axe-core checks each page visited.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export const DEMO_ADMIN = { email: 'admin@grappe.localhost', password: 'grappe-demo-2026' };

export interface ReceivedMail {
	to: string[];
	raw: string;
}

async function freePort(): Promise<number> {
	return new Promise((ok, ko) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => ok(port));
		});
		s.on('error', ko);
	});
}

export interface Harness {
	baseURL: string;
	dataDir: string;
	mails: ReceivedMail[];
	browser: Browser;
	newPage(locale?: string): Promise<Page>;
	waitForMail(to: string, predicate?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
	/** What the server printed so far (shown when a test fails). */
	serverLog(): string;
	stop(): Promise<void>;
}

export async function startHarness(opts: { demo?: boolean } = {}): Promise<Harness> {
	if (!existsSync(join(root, process.env.GRAPPE_BUILD_DIR ? join(process.env.GRAPPE_BUILD_DIR, 'build') : 'build', 'index.js'))) throw new Error('build/index.js is missing: run `npm test` (it builds) or `npx vite build` first');
	const mails: ReceivedMail[] = [];
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
				callback();
			});
		}
	});
	const smtpPort = await freePort();
	await new Promise<void>((ok) => smtp.listen(smtpPort, '127.0.0.1', () => ok()));

	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'grappe-e2e-'));
	const baseURL = `http://127.0.0.1:${port}`;
	const server: ChildProcess = spawn(process.execPath, [join(root, process.env.GRAPPE_BUILD_DIR ? join(process.env.GRAPPE_BUILD_DIR, 'build') : 'build', 'index.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			GRAPPE_DEMO: opts.demo === false ? '0' : '1',
			SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			GRAPPE_JOB_INTERVAL_MS: '200'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	// GRAPPE_E2E_LOG=file keeps the server's output for a failing run.
	const keep = process.env.GRAPPE_E2E_LOG;
	const collect = (d: Buffer) => {
		log += d;
		if (keep) appendFileSync(keep, d);
	};
	server.stdout!.on('data', collect);
	server.stderr!.on('data', collect);
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`Grappe exited early:\n${log}`);
		try {
			const r = await fetch(`${baseURL}/healthz`);
			if (r.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`Grappe did not start in time:\n${log}`);
		await new Promise((r) => setTimeout(r, 250));
	}

	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
	});

	return {
		baseURL,
		dataDir,
		mails,
		browser,
		async newPage(locale = 'fr-FR') {
			const context = await browser.newContext({ baseURL, locale, acceptDownloads: true });
			// Generous: CI machines are small and busy; a real slowness shows in the benchmarks, not here.
			context.setDefaultTimeout(60_000);
			return context.newPage();
		},
		serverLog: () => log,
		async waitForMail(to, predicate = () => true, timeoutMs = 15_000) {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const found = mails.find((m) => m.to.includes(to) && predicate(m));
				if (found) return found;
				if (Date.now() > end) throw new Error(`no mail for ${to} within ${timeoutMs} ms (got ${mails.length} mails)`);
				await new Promise((r) => setTimeout(r, 100));
			}
		},
		async stop() {
			await browser.close().catch(() => {});
			server.kill('SIGTERM');
			await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
			await new Promise<void>((ok) => smtp.close(() => ok()));
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

const axeSource = require.resolve('axe-core/axe.min.js');

/** Runs axe-core on the page and fails on any serious or critical violation, naming it. */
export async function expectAccessible(page: Page) {
	await page.addScriptTag({ path: axeSource });
	const violations = await page.evaluate(async () => {
		// @ts-expect-error axe is injected above
		const r = await window.axe.run(document, { resultTypes: ['violations'] });
		return (r.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			targets: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
		}));
	});
	const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Fills and sends the sign-in form; answers where it led: the workspace, or the page with its error.
 *
 * Known flake (see the issue note): now and then one sign-in POST from Chromium never reaches the server
 * (nothing arrives in SvelteKit's handle), and the browser waits forever. Until it is understood, a form
 * that gets no answer in 20 s is sent once more, and says so; a second silence fails the test.
 */
export async function submitSignIn(page: Page, email: string, password: string): Promise<{ signedIn: boolean; message: string }> {
	for (let attempt = 1; ; attempt++) {
		await page.goto('/login');
		await page.getByLabel(/Adresse e-mail|Email address/).first().fill(email);
		await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
		await page.locator('form[action="?/password"] button[type=submit]').click();
		const refused = page.locator('.alert.error');
		const answered = await Promise.race([page.waitForURL(/\/app/, { timeout: 20_000 }), refused.waitFor({ timeout: 20_000 })]).then(
			() => true,
			() => false
		);
		if (answered) return /\/app/.test(page.url()) ? { signedIn: true, message: '' } : { signedIn: false, message: (await refused.textContent()) ?? '' };
		if (attempt === 2) throw new Error(`sign-in form for ${email}: no answer twice`);
		console.warn(`[e2e] sign-in form for ${email} got no answer in 20 s; sending it once more`);
	}
}

export async function signIn(page: Page, email = DEMO_ADMIN.email, password = DEMO_ADMIN.password) {
	const r = await submitSignIn(page, email, password);
	if (!r.signedIn) throw new Error(`sign-in as ${email} refused: ${r.message}`);
}

/** A received mail parsed as a mail client would: decoded subject and plain text. */
export async function parseMail(m: ReceivedMail): Promise<{ subject: string; text: string; html: string }> {
	const p = await simpleParser(m.raw);
	return { subject: p.subject ?? '', text: p.text ?? '', html: typeof p.html === 'string' ? p.html : '' };
}
