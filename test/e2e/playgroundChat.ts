/**
 * One person's Microsoft 365 Agents Playground, driven like a person would: open the
 * personal chat with the bot, type, read what appears, click the buttons on the cards.
 * Locators use what is on screen (texts, button names), never the bot's JSON.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { keepOffline } from '../../scripts/chromium.js';
import { ROOT } from '../../scripts/playground.js';

export const SCREENSHOTS_DIR = join(ROOT, 'test-results', 'e2e');
const WAIT_MS = 20_000;

/** Catalog text as the Playground shows it: markdown bold rendered, so no asterisks. */
export const shown = (text: string): string => text.replace(/\*\*/g, '');

export class PlaygroundChat {
  readonly errors: string[] = [];

  private constructor(
    readonly person: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** `locale`: the browser's language, which the Playground sends as every activity's locale. */
  static async open(browser: Browser, url: string, person: string, locale = 'en-US'): Promise<PlaygroundChat> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale,
      timezoneId: 'Europe/Amsterdam',
    });
    await keepOffline(context);
    const page = await context.newPage();
    const chat = new PlaygroundChat(person, context, page);
    page.on('pageerror', (err) => chat.errors.push(err.message));
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.getByText('Personal Chat', { exact: true }).first().click();
    await chat.compose.waitFor({ state: 'visible', timeout: WAIT_MS });
    return chat;
  }

  private get compose(): Locator {
    return this.page.locator('[contenteditable="true"][role="textbox"]');
  }

  /** Types a message into the compose box and sends it with Enter. */
  async say(text: string): Promise<void> {
    await this.compose.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.page.getByText(text, { exact: true }).last().waitFor({ timeout: WAIT_MS });
  }

  /** The newest top-level card showing `text` (nested show-cards are part of their card). */
  card(text: string | RegExp): Locator {
    return this.page.locator('.ac-preview-panel > .ac-adaptiveCard').filter({ hasText: text }).last();
  }

  /** Waits for a card showing every one of `texts`; returns the newest such card. */
  async waitForCard(...texts: ReadonlyArray<string | RegExp>): Promise<Locator> {
    let card = this.page.locator('.ac-preview-panel > .ac-adaptiveCard');
    for (const text of texts) card = card.filter({ hasText: text });
    const newest = card.last();
    await newest.waitFor({ state: 'visible', timeout: WAIT_MS });
    await newest.scrollIntoViewIfNeeded();
    return newest;
  }

  /** Waits for a message (text or card) containing `text`. */
  async waitForText(text: string | RegExp): Promise<Locator> {
    const found = this.page.getByText(text).last();
    await found.waitFor({ state: 'visible', timeout: WAIT_MS });
    // The chat may re-render the message right away (e.g. a card updated in place): scrolling is only for the
    // screenshots.
    await found.scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => undefined);
    return found;
  }

  /** The buttons a card shows, by their visible names. */
  async buttonsOf(card: Locator): Promise<string[]> {
    return (await card.getByRole('button').allInnerTexts()).map((b) => b.trim()).filter(Boolean);
  }

  /** Ticks the toggle (checkbox) labelled `title` on `card`. */
  async tick(card: Locator, title: string): Promise<void> {
    await card.getByRole('checkbox', { name: title }).check();
  }

  /**
   * Picks `option` in the drop-down (a multi-select renders as a combobox of checkboxes) labelled `label` on `card`.
   */
  async choose(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label }).click();
    // The options open in a pop-up outside the card.
    const item = this.page.getByRole('menuitemcheckbox', { name: option, exact: true });
    await item.click();
    await item.and(this.page.locator('[aria-checked="true"]')).waitFor({ timeout: WAIT_MS });
    await this.page.keyboard.press('Escape');
  }

  /** Clicks the button named `button` on `card` (the last such button, or the first). */
  async click(card: Locator, button: string, which: 'first' | 'last' = 'last'): Promise<void> {
    const buttons = card.getByRole('button', { name: button, exact: true });
    await (which === 'first' ? buttons.first() : buttons.last()).click();
  }

  /** Saves what this person sees as test-results/e2e/[<folder>/]<nn>-<person>-<name>.png. */
  async screenshot(name: string, order: number, folder = ''): Promise<string> {
    const dir = join(SCREENSHOTS_DIR, folder);
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${String(order).padStart(2, '0')}-${this.person}-${name}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

/** After a failed test: what went wrong in each person's page, and the bot's warnings and errors. */
export function reportFailure(
  test: { state?: string | undefined } | undefined,
  chats: ReadonlyArray<PlaygroundChat | undefined>,
  botLogs: ReadonlyArray<Record<string, unknown>> = [],
): void {
  if (test?.state !== 'failed') return;
  for (const chat of chats)
    if (chat?.errors.length) console.log(`    ${chat.person}'s page errors: ${chat.errors.join(' | ')}`);
  const noisy = botLogs.filter((l) => typeof l.level === 'number' && l.level >= 40);
  if (noisy.length) console.log(`    bot warnings/errors: ${noisy.map((l) => String(l.msg)).join(' | ')}`);
}

/** Closes both people's pages, the browser and the Playgrounds (whatever was started before a failure). */
export async function closePlaygrounds(
  chats: ReadonlyArray<PlaygroundChat | undefined>,
  browser: Browser | undefined,
  playgrounds: ReadonlyArray<{ stop(): Promise<void> }>,
): Promise<void> {
  for (const chat of chats) await chat?.close();
  await browser?.close().catch(() => undefined);
  await Promise.all(playgrounds.map((p) => p.stop()));
}
