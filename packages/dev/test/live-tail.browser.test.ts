import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT_CONTEXT, SeverityNumber, trace } from '@opentelemetry/api';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevReceiver, type DevReceiver } from '../src/index.ts';
import { CHROMIUM } from './global-setup.ts';
import { otlpJson, sdkTo } from './helpers.ts';

const SCREENSHOT = fileURLToPath(new URL('../../../test-results/dev-live-tail.png', import.meta.url));
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

let receiver: DevReceiver;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  receiver = await startDevReceiver({ port: 0, write: () => {} });
  userDataDir = await mkdtemp(join(tmpdir(), 'logweave-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 720 },
    // The machine has no network: without these Chromium's background connections are refused noisily.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(10_000);
  // A CSP violation (say, the inline script's hash not matching) shows up here.
  page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
  page.on('pageerror', (error) => void pageErrors.push(error.message));
}, 30_000);

afterAll(async () => {
  // Taken whatever the outcome: on a failure it shows what the page showed.
  if (page !== undefined) {
    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    console.log(`live tail screenshot: ${SCREENSHOT}`);
  }
  await context?.close();
  await receiver?.close();
  if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
});

function rowsShown(count: number) {
  return page.waitForFunction(`document.querySelectorAll('#rows tr').length === ${count}`);
}

const bodies = () => page.locator('#rows .body').allTextContents();

describe('live tail page (headless Chromium)', () => {
  it('shows records sent by the SDK, hides those below the severity filter, and details a record on click', async () => {
    const { provider, logger } = sdkTo(receiver.logsUrl);
    logger.emit({ severityNumber: SeverityNumber.DEBUG, body: 'cache warmed' });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'GET /cart', attributes: { 'http.response.status_code': 200 } });
    await provider.forceFlush();

    await page.goto(`${receiver.url}/`);
    await page.locator('#status[data-state=live]').waitFor();
    await rowsShown(2);

    const span = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 });
    logger.emit({ severityNumber: SeverityNumber.WARN, body: 'disk almost full', attributes: { 'disk.free': 0.04 } });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: '<img src=x onerror="window.pwned=1">', attributes: { 'user.id': '<b>u1</b>' } });
    logger.emit({
      severityNumber: SeverityNumber.ERROR, body: 'payment failed', context: span,
      attributes: { 'exception.type': 'CardError', 'exception.stacktrace': 'CardError: declined\n    at charge (pay.js:7:3)' },
    });
    await provider.shutdown();
    await rowsShown(5);
    expect(await bodies()).toEqual(['cache warmed', 'GET /cart', 'disk almost full', '<img src=x onerror="window.pwned=1">', 'payment failed']);
    expect(await page.locator('#rows img, #rows b').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();

    await page.selectOption('#severity', 'WARN');
    await rowsShown(2);
    expect(await bodies()).toEqual(['disk almost full', 'payment failed']);
    expect(await page.locator('#counts').textContent()).toBe('2 of 5 shown');

    await page.locator('#rows tr', { hasText: 'payment failed' }).click();
    const detail = page.locator('#detail');
    await detail.waitFor();
    for (const text of [TRACE_ID, SPAN_ID, 'service.name', 'shop', 'shop.server', 'CardError: declined\n    at charge (pay.js:7:3)']) {
      expect(await detail.textContent()).toContain(text);
    }
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('filters by text and by attribute, and holds new records while paused', async () => {
    await page.selectOption('#severity', 'all');
    await page.fill('#text', 'DISK');
    await rowsShown(1);
    await page.fill('#text', '');
    await page.fill('#attr', 'http.response.status_code=200');
    await rowsShown(1);
    expect(await bodies()).toEqual(['GET /cart']);
    await page.fill('#attr', 'service.name=shop, user.id');
    await rowsShown(1);
    expect(await bodies()).toEqual(['<img src=x onerror="window.pwned=1">']);
    await page.fill('#attr', '');
    await rowsShown(5);

    await page.click('#pause');
    const { provider, logger } = sdkTo(receiver.logsUrl);
    logger.emit({ severityNumber: SeverityNumber.FATAL, body: 'out of memory' });
    await provider.shutdown();
    await page.locator('#pause', { hasText: 'Resume (1 new)' }).waitFor();
    expect(await bodies()).not.toContain('out of memory');
    await page.click('#pause');
    await rowsShown(6);
    expect((await bodies()).at(-1)).toBe('out of memory');
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('keeps only the last `ring` records on the page too', async () => {
    const small = await startDevReceiver({ port: 0, ring: 3, write: () => {} });
    const other = await context.newPage();
    const send = (bodies: string[]) => fetch(small.logsUrl, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJson(bodies.map((body) => ({ body }))),
    });
    try {
      await send(['1', '2', '3', '4', '5']);
      await other.goto(`${small.url}/`);
      await other.locator('#rows .body', { hasText: /^5$/ }).waitFor();
      await send(['6', '7']);
      await other.locator('#rows .body', { hasText: /^7$/ }).waitFor();
      expect(await other.locator('#rows .body').allTextContents()).toEqual(['5', '6', '7']);
      expect(await other.locator('#counts').textContent()).toBe('3 of 3 shown');
    } finally {
      await other.close();
      await small.close();
    }
  }, 30_000);
});
