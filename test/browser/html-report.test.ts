/**
 * The HTML report in a real browser: Debian's chromium (script/install-browser) driven by playwright-core. Each page is
 * written to a temp dir and opened from the file: rendered text, charts with accessible names, no console error, no
 * request but the file itself, no horizontal scrolling on a phone, keyboard focus on the links, print emulation,
 * contrast of the text. With MLPA_SCREENSHOTS=1 a screenshot per layout is kept under test-artifacts/html-report/
 * (gitignored); by default none is taken (a full-page PNG of each layout was about a fifth of this file's CPU time, and
 * no test reads them). The print test's PDF is always made and checked.
 * Without /usr/bin/chromium the tests are skipped, with the reason.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES_AUDIT_NOW, sampleRepos, samplesReport } from '../helpers/shared.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/types.js';
import { auditTargets } from '../../src/run.js';
import { hostileReport, portfolioReport, SHA } from '../helpers/html-reports.js';
import { tmpDir } from '../helpers/tmp.js';
import { audited } from '../helpers/audited.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/html-report');
const have = existsSync(CHROMIUM);
const SCREENSHOTS = process.env.MLPA_SCREENSHOTS === '1';
if (!have) console.warn(`test/browser/html-report.test.ts skipped: ${CHROMIUM} not found (script/install-browser installs Debian's chromium)`);

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  errors: string[];
  dialogs: string[];
}

describe.skipIf(!have)(`HTML report in Chromium (${have ? CHROMIUM : `skipped: ${CHROMIUM} not found; script/install-browser installs it`})`, () => {
  let context: BrowserContext;
  const files: Record<string, string> = {};
  const reports: Record<string, Report> = {};

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Real audits of generated git repositories (the demo's three samples: the run's one audit of them, made by
    // test/global-setup.ts), and hand-made reports for the other cases.
    reports.audited = await samplesReport();
    reports.single = await auditTargets({ targets: [sampleRepos().strong], now: SAMPLES_AUDIT_NOW });
    reports.github = portfolioReport();
    reports.hostile = hostileReport();
    const out = tmpDir('mlpa-browser-html-');
    for (const [name, report] of Object.entries(reports)) {
      files[name] = join(out, `${name}.html`);
      writeFileSync(files[name], renderHtml(report));
    }
    // A fresh profile for this run, removed with the temp dirs.
    context = await chromium.launchPersistentContext(tmpDir('mlpa-chromium-profile-'), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  async function open(name: string, width = 1280, colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ media: 'screen', colorScheme });
    const o: Opened = { page, url: pathToFileURL(files[name]).href, requests: [], errors: [], dialogs: [] };
    page.on('request', (r) => o.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') o.errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => o.errors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      o.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(o.url, { waitUntil: 'load' });
    return o;
  }

  /** Nothing but the file itself was requested, and nothing complained. */
  function clean(o: Opened): void {
    expect(o.requests).toEqual([o.url]);
    expect(o.errors).toEqual([]);
    expect(o.dialogs).toEqual([]);
  }

  /** A full-page screenshot for a person to look at, with MLPA_SCREENSHOTS=1 only (nothing reads it). */
  async function shot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** The page is no wider than the window: nothing to scroll sideways. */
  async function noSideScroll(page: Page): Promise<void> {
    const [scroll, inner] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
    expect(scroll).toBeLessThanOrEqual(inner);
  }

  /** Every text of every chart lies inside its chart's viewBox (labels are not cut). */
  async function textsInsideCharts(page: Page): Promise<void> {
    const out = await page.evaluate<string[]>(`(() => {
      const bad = [];
      for (const svg of document.querySelectorAll('svg.chart')) {
        const vb = svg.viewBox.baseVal;
        for (const t of svg.querySelectorAll('text')) {
          const b = t.getBBox();
          if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.width > vb.x + vb.width + 1 || b.y + b.height > vb.y + vb.height + 1)
            bad.push(svg.getAttribute('aria-label').slice(0, 40) + ': ' + t.textContent + ' ' + JSON.stringify([b.x, b.y, b.width, b.height]));
        }
      }
      return bad;
    })()`);
    expect(out).toEqual([]);
  }

  /** WCAG contrast of the text of some elements against the first opaque background behind them. */
  async function lowContrast(page: Page): Promise<string[]> {
    return page.evaluate<string[]>(`(() => {
      const rgb = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
      const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
      const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
      const bad = [];
      const els = document.querySelectorAll('body, h1, h2, p, li, td, th, a, code, .muted, .tag, .grade, .gain, .yes, .no, summary, figcaption, svg text');
      for (const el of els) {
        if (!el.textContent.trim() || el.closest('.sr')) continue;
        const st = getComputedStyle(el);
        const fg = rgb(el instanceof SVGElement ? st.fill : st.color);
        const back = bg(el instanceof SVGElement ? el.closest('svg') : el);
        const [l1, l2] = [lum(fg), lum(back)].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < 4.5) bad.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
      }
      return bad;
    })()`);
  }

  it('a portfolio of real audits at 1280 px: score, grades, repo names, stages, one chart per repo, no request but the file', async () => {
    const o = await open('audited');
    const { page } = o;
    const r = reports.audited;
    const text = await page.locator('main').innerText();
    expect(text).toContain('Portfolio at a glance');
    expect(text).toContain(`${r.portfolio.score}/100`);
    for (const repo of r.repos.map(audited)) {
      const name = repo.repo.split('/').pop()!;
      expect(await page.getByRole('heading', { level: 2, name }).count()).toBe(1);
      expect(text).toContain(`${repo.score}/100`);
      expect(await page.getByRole('img', { name: new RegExp(`^Category scores of ${name}: Pipeline \\d`) }).count()).toBe(1);
      expect(await page.getByRole('img', { name: new RegExp(`^Pipeline stages of ${name}: \\d of 5 found\\. Data (found|missing)`) }).count()).toBe(1);
      expect(await page.getByRole('img', { name: new RegExp(`^Commits per (week|month) of ${name}, .*: \\d+ commits?`) }).count()).toBe(1);
      expect(await page.getByRole('img', { name: `Score of ${name}: ${repo.score} out of 100, grade ${repo.grade}` }).count()).toBe(1);
    }
    for (const stage of ['Data', 'Preprocessing', 'Training', 'Evaluation', 'Deployment']) expect(text).toContain(stage);
    expect(await page.getByRole('img', { name: `Portfolio score: ${r.portfolio.score} out of 100, grade ${r.portfolio.grade}` }).count()).toBe(1);
    // Every chart is an image with a name.
    const charts = await page.locator('svg.chart').count();
    expect(charts).toBe(2 + 4 * r.repos.length);
    expect(await page.getByRole('img').count()).toBe(charts);
    expect(text).toContain('Skills shown');
    await noSideScroll(page);
    await textsInsideCharts(page);
    expect(await lowContrast(page)).toEqual([]);
    await shot(page, 'portfolio-1280');
    clean(o);
    await page.close();
  });

  it('on a phone (375 px): one column, nothing to scroll sideways, charts still named', async () => {
    for (const name of ['audited', 'github', 'single']) {
      const o = await open(name, 375);
      await noSideScroll(o.page);
      await textsInsideCharts(o.page);
      const box = await o.page.locator('svg.chart.categories').first().boundingBox();
      expect(box!.width).toBeLessThanOrEqual(375);
      expect(box!.width).toBeGreaterThan(250);
      await shot(o.page, `${name}-375`);
      clean(o);
      await o.page.close();
    }
  });

  it('dark colour scheme: readable contrast', async () => {
    const o = await open('github', 1280, 'dark');
    const bg = await o.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(13, 17, 23)');
    expect(await lowContrast(o.page)).toEqual([]);
    await shot(o.page, 'github-dark-1280');
    clean(o);
    await o.page.close();
  });

  it('GitHub repos: evidence links to the exact commit and line; configured score labelled; not audited with the reason', async () => {
    const o = await open('github');
    const { page } = o;
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/78\.5\/100\s*B\s*standard score/);
    expect(text).toMatch(/configured\s*91\/100\s*A\s*under the repo's own \.ml-portfolio-audit\.yml/);
    expect(text).toContain('Partial result, the score is not final: commit history not returned by GitHub');
    expect(text).toContain('Not audited (could not be audited): repository not found or not readable with this token (HTTP 404)');
    expect(text).toContain('Not audited (skipped)');
    expect(await page.locator(`a[href="https://github.com/ada/churn/blob/${SHA}/src/data.py#L3"]`).count()).toBeGreaterThan(0);
    const hrefs = await page.evaluate<string[]>(`[...document.querySelectorAll('a')].map((a) => a.getAttribute('href') || '')`);
    for (const h of hrefs) expect(h).toMatch(/^(#[\w-]+|https:\/\/github\.com\/ada\/[\w.-]+(\/blob\/[0-9a-f]{40}\/\S+)?)$/);
    expect(hrefs.some((h) => h.includes('nlp-demo'))).toBe(false);
    await textsInsideCharts(page);
    await shot(page, 'github-1280');
    clean(o);
    await page.close();
  });

  it('keyboard: Tab reaches the skip link first, then the repo links and the evidence links, each with a visible focus ring', async () => {
    const o = await open('github');
    const { page } = o;
    const seen: Array<{ href: string; outline: string }> = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      seen.push(
        await page.evaluate<{ href: string; outline: string }>(
          `(() => { const a = document.activeElement; return { href: a.getAttribute('href') || a.tagName, outline: getComputedStyle(a).outlineStyle }; })()`,
        ),
      );
    }
    expect(seen[0].href).toBe('#main');
    expect(seen.some((s) => s.href.startsWith('#repo-'))).toBe(true);
    expect(seen.some((s) => s.href.startsWith('https://github.com/ada/churn/blob/'))).toBe(true);
    for (const s of seen.filter((x) => x.href.startsWith('#') || x.href.startsWith('https:'))) expect(s.outline).not.toBe('none');
    // The skip link moves focus to the report.
    await page.keyboard.press('Home');
    await page.focus('a.skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('main');
    clean(o);
    await page.close();
  });

  it('print: light colours, the rules tables shown, no skip link; a PDF is made', async () => {
    const o = await open('single');
    const { page } = o;
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
    expect(await page.locator('a.skip').isVisible()).toBe(false);
    expect(await page.locator('details.rules table').first().isVisible()).toBe(true);
    await shot(page, 'single-print');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(ARTIFACTS, 'single-print.pdf'), pdf);
    clean(o);
    await page.close();
  });

  it('hostile text from repositories stays text: no script, no image, no handler, no dialog, no link out', async () => {
    const o = await open('hostile');
    const { page } = o;
    const dom = await page.evaluate<{ scripts: number; imgs: number; iframes: number; handlers: string[]; hrefs: string[] }>(`(() => ({
      scripts: document.scripts.length,
      imgs: document.images.length,
      iframes: document.querySelectorAll('iframe').length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
      hrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    }))()`);
    expect(dom).toMatchObject({ scripts: 0, imgs: 0, iframes: 0, handlers: [] });
    for (const h of dom.hrefs) expect(h).toMatch(/^#[\w-]+$/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(1)>');
    await shot(page, 'hostile-1280');
    clean(o);
    await page.close();
  });
});
