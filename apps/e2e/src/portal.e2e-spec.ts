import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { chromium, type Browser, type Page as BrowserPage } from 'playwright-core';
import type { Page } from '@gm/shared-contracts';
import type { Resource } from '@gm/resources-contracts';
import { request } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting the platform's processes takes seconds; a busy CI machine may take many.
jest.setTimeout(180_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Set PORTAL_SCREENSHOT=/tmp/portal.png to keep pictures of the page (desktop and phone) for a visual check.
const SCREENSHOT = process.env.PORTAL_SCREENSHOT;

async function screenshots(p: BrowserPage, path: string): Promise<void> {
  await p.screenshot({ path });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.screenshot({ path: path.replace(/(\.png)?$/, '-phone.png') });
  await p.setViewportSize({ width: 1280, height: 900 });
}

let platform: Platform;
let browser: Browser;
let page: BrowserPage;
const problems: string[] = [];

const cardCodes = (p: BrowserPage) => p.locator('#resource-list .resource .code').allTextContents();

/** Waits until the page reports `total` results (the summary starts `共 <total> 项`). */
const summaryShows = (p: BrowserPage, total: number) =>
  p.locator('#result-summary', { hasText: new RegExp(`^共 ${total} 项`) }).waitFor();

async function apiCodes(query: string): Promise<{ total: number; codes: string[] }> {
  const { body } = await request<Page<Resource>>(
    platform.baseUrl,
    `/api/resources?pageSize=12&${query}`,
  );
  return { total: body.total, codes: body.items.map((resource) => resource.code) };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  [platform, browser] = await Promise.all([
    startPlatform({ services: ['resources', 'gateway'] }),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    }),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Script errors and failed requests (a CSP violation among them) fail the test below.
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the portal page', () => {
  it('is served at / as HTML that is revalidated on each visit', async () => {
    const result = await request<string>(platform.baseUrl, '/', {
      headers: { accept: 'text/html' },
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^text\/html/);
    expect(result.headers.get('cache-control')).toBe('no-cache');
    expect(result.body).toContain('光明科学城');
  });

  it('lists the shared resources from the API', async () => {
    await page.goto(platform.baseUrl, { waitUntil: 'domcontentloaded' });
    await expect(page.title()).resolves.toContain('光明科学城');
    await page.locator('#resource-list[aria-busy="false"] .resource').first().waitFor();
    await page.locator('#unitId option').nth(30).waitFor({ state: 'attached' });

    const expected = await apiCodes('page=1');
    expect(expected.total).toBe(78);
    expect(await cardCodes(page)).toEqual(expected.codes);
    await expect(page.locator('#result-summary').textContent()).resolves.toContain('78');
    const card = page.locator('.resource').first();
    await expect(card.locator('h3').textContent()).resolves.toMatch(/\S/);
    await expect(card.locator('.chip').textContent()).resolves.toMatch(/可预约|维护中|已停用/);
    if (SCREENSHOT) await screenshots(page, SCREENSHOT);
  });

  it('narrows the list when searching', async () => {
    await page.getByLabel(/关键词/).fill('cryo');
    await page.getByLabel(/关键词/).press('Enter');
    const expected = await apiCodes('q=cryo');
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(78);
    await summaryShows(page, expected.total);
    expect(await cardCodes(page)).toEqual(expected.codes);
    expect(page.url()).toContain('q=cryo');
  });

  it('filters by category and pages', async () => {
    await page.getByRole('button', { name: /重置/ }).click();
    await page.getByLabel(/类别/).selectOption('instrument');
    const expected = await apiCodes('category=instrument');
    await summaryShows(page, expected.total);
    expect(await cardCodes(page)).toEqual(expected.codes);

    if (expected.total > 12) {
      const second = await apiCodes('category=instrument&page=2');
      await page.getByRole('button', { name: /下一页/ }).click();
      await page
        .locator('#resource-list li:first-child .code', { hasText: second.codes[0] })
        .waitFor();
      expect(await cardCodes(page)).toEqual(second.codes);
    }
  });

  it('loaded without script errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
