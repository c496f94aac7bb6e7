import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { type Browser, type Locator, type Page, chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { webDistDir } from '../../dev/paths';
import { type TestStack, useTestStack } from '../support/stack';
import { screenshotDir } from './paths';

/**
 * The flags of @sparticuz/chromium (made for AWS Lambda) that a test must not take: a single
 * process breaks a second browser context; the others switch off web security and site isolation,
 * which would hide same-origin and CSRF mistakes.
 */
const refusedFlags = [
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
];
const isolationFeatures = new Set(['IsolateOrigins', 'site-per-process']);

export function chromiumArgs(): string[] {
  return chromium.args
    .filter((flag) => !refusedFlags.includes(flag))
    .map((flag) => {
      if (!flag.startsWith('--disable-features=')) return flag;
      const features = flag.slice('--disable-features='.length).split(',');
      return `--disable-features=${features.filter((feature) => !isolationFeatures.has(feature)).join(',')}`;
    });
}

export const viewports = {
  laptop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type Viewport = keyof typeof viewports;

interface PageHealth {
  cspViolations: string[];
  layoutShift: number;
}

/** The browser globals the in-page checks use (the tests' TypeScript has no DOM library). */
declare const window: {
  dimTest: PageHealth;
  fetch: (...args: unknown[]) => Promise<unknown>;
  addEventListener(type: 'pointerdown' | 'keydown' | 'drop', listener: () => void, capture: boolean): void;
};
interface XMLHttpRequest {
  addEventListener(type: 'loadend', listener: () => void): void;
}
declare const XMLHttpRequest: { prototype: XMLHttpRequest & { send(...args: unknown[]): void } };
declare const document: {
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: { violatedDirective: string; blockedURI: string }) => void,
  ): void;
  fonts: { ready: Promise<unknown> };
  documentElement: { clientWidth: number };
  querySelectorAll(selector: string): Iterable<{ getBoundingClientRect(): { right: number } }>;
};

/**
 * Runs in every page before its scripts: records CSP violations and the layout shift score. A shift
 * the person caused does not count: within 500 ms of their input (the browser's `hadRecentInput`;
 * a dropped file counts as input too),
 * or from the moment their input sent a request until a second after its answer arrived — a
 * refusal shown after a slow answer is the page answering them, not the page jumping.
 */
function recordPageHealth() {
  window.dimTest = { cspViolations: [], layoutShift: 0 };
  document.addEventListener('securitypolicyviolation', (event) => {
    window.dimTest.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
  let lastInput = Number.NEGATIVE_INFINITY;
  const input = () => {
    lastInput = performance.now();
  };
  window.addEventListener('pointerdown', input, true);
  window.addEventListener('keydown', input, true);
  window.addEventListener('drop', input, true);
  const answering: { from: number; to: number }[] = [];
  const answer = () => {
    if (performance.now() - lastInput > 500) return undefined;
    const span = { from: performance.now(), to: Number.POSITIVE_INFINITY };
    answering.push(span);
    return () => {
      span.to = performance.now() + 1000;
    };
  };
  const send = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const answered = answer();
    try {
      return await send(...args);
    } finally {
      answered?.();
    }
  };
  // Uploads go by XMLHttpRequest (for their progress), so their answers count the same way.
  const sendRequest = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, ...args: unknown[]) {
    const answered = answer();
    if (answered) this.addEventListener('loadend', answered);
    sendRequest.apply(this, args);
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as LayoutShift[]) {
      const answered = answering.some(({ from, to }) => from <= entry.startTime && entry.startTime <= to);
      if (!entry.hadRecentInput && !answered) window.dimTest.layoutShift += entry.value;
    }
  }).observe({ type: 'layout-shift' as never, buffered: true });
}

interface LayoutShift {
  value: number;
  hadRecentInput: boolean;
  startTime: number;
}

/** One browser tab on the application, with the checks every page must pass. */
export class TestPage {
  private readonly failures: string[] = [];

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    readonly viewport: Viewport,
  ) {
    page.on('pageerror', (error) => this.failures.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) this.failures.push(`${response.status()} from ${response.url()}`);
    });
  }

  /** Opens `path` as a person would (typing the address or following a link from an e-mail). */
  async visit(path: string, name: string, ready: (page: Page) => Locator): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.check(name, ready(this.page));
  }

  /**
   * Once `ready` shows: no script error or 5xx so far, no CSP violation, no serious or critical axe
   * violation, no horizontal scrolling, no layout shift worth the name; and a screenshot.
   */
  async check(name: string, ready: Locator): Promise<void> {
    await ready.waitFor();
    await this.page.evaluate(() => document.fonts.ready);
    const health = await this.page.evaluate(() => ({
      ...window.dimTest,
      // How far the rightmost element reaches past the layout viewport (clipped or scrollable).
      overflow:
        Math.max(0, ...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)) -
        document.documentElement.clientWidth,
    }));
    const axe = await new AxeBuilder({ page: this.page }).analyze();
    const serious = axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
    await this.page.screenshot({ path: join(screenshotDir, `${name}-${this.viewport}.png`), fullPage: true });

    expect(this.failures, `${name}: errors`).toEqual([]);
    expect(health.cspViolations, `${name}: CSP violations`).toEqual([]);
    expect(serious, `${name}: serious or critical accessibility violations`).toEqual([]);
    expect(health.overflow, `${name}: page wider than the ${this.viewport} screen`).toBeLessThanOrEqual(0);
    expect(health.layoutShift, `${name}: cumulative layout shift`).toBeLessThan(0.05);
  }
}

/** The real stack (PostgreSQL, Temporal, a worker, the API serving the built application) and Chromium. */
export interface BrowserStack {
  api: TestStack;
  browser: Browser;
  /** A fresh browser context (own cookies and storage) with one page. */
  open(viewport?: Viewport): Promise<TestPage>;
}

/**
 * The stack for the tests of one file (see support/stack.ts) and a Chromium: started before them,
 * closed after. Call it at the top of a `describe`; the function it returns gives the running stack
 * inside the tests.
 */
export function browserStackPerFile(): () => BrowserStack {
  const api = useTestStack({ api: { webRoot: webDistDir } });
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await playwright.launch({
      executablePath: inject('chromiumExecutable'),
      args: chromiumArgs(),
      env: { ...process.env, TMPDIR: inject('browserTmpDir') },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('The browser stack is not running (used outside a test?)');
    const running = browser;
    return {
      api,
      browser: running,
      async open(viewport = 'laptop') {
        const context = await running.newContext({
          viewport: viewports[viewport],
          isMobile: viewport === 'phone',
          hasTouch: viewport === 'phone',
          locale: 'de-DE',
          timezoneId: 'Europe/Berlin',
        });
        await context.addInitScript(recordPageHealth);
        return new TestPage(await context.newPage(), api.baseUrl, viewport);
      },
    };
  };
}
