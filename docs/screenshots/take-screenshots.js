// Takes the README's screenshots of a freshly started dashboard (1440x900 light, and a 390x844 phone, light and dark):
//   rm -rf SyncDashboard/App_Data && dotnet run --project SyncDashboard > run.log &
//   npm install playwright-core && node docs/screenshots/take-screenshots.js "$(grep -o 'http://[^ ]*account/link[^ ]*' run.log | head -1)"
// The argument is the first start's set-up link (printed once); it makes the Owner the screenshots sign in as.
// Uses Debian's Chromium at /usr/bin/chromium.
const { chromium } = require('playwright-core');
const base = 'http://127.0.0.1:5080';
const out = require('path').join(__dirname, '/');
const setupLink = process.argv[2];
const password = 'correct horse battery staple 1';
(async () => {
  if (!setupLink) throw new Error('Give the set-up link the first start printed.');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const errors = [];
  const open = async (width, height, colorScheme) => {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme });
    const page = await context.newPage();
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    return page;
  };
  const page = await open(1440, 900, 'light');
  await page.goto(setupLink);
  await page.locator('[data-testid=user-name]').fill('owner');
  await page.locator('[data-testid=password]').fill(password);
  await page.locator('[data-testid=confirm]').fill(password);
  await page.locator('[data-testid=create-user]').click();
  await page.waitForURL(url => !url.pathname.startsWith('/account/link'));
  const signIn = async p => {
    await p.goto(base + '/account/sign-in');
    await p.locator('[data-testid=user-name]').fill('owner');
    await p.locator('[data-testid=password]').fill(password);
    await p.locator('[data-testid=sign-in]').click();
    await p.waitForURL(url => !url.pathname.startsWith('/account/sign-in'));
  };
  if (new URL(page.url()).pathname.startsWith('/account')) await signIn(page);
  const ready = async p => { await p.locator('[data-interactive=true]').waitFor(); await p.waitForTimeout(1500); };
  await page.goto(base + '/?store=2'); await ready(page);
  // select three healthy products and sync them, so the grid shows every status
  const rows = page.locator('[data-testid=product-grid] tbody tr').filter({ has: page.locator('[data-testid=status-chip]', { hasText: 'Not synced' }) });
  for (let i = 0; i < 3; i++) await rows.nth(i).locator('input[type=checkbox]').check();
  await page.screenshot({ path: out + 'products-selection.png' });
  await page.locator('[data-testid=sync-selected]').click();
  await page.getByText('Bulk sync completed').waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out + 'products.png' });
  await page.locator('[data-testid=product-grid] tbody tr', { has: page.locator('[data-testid=status-chip]', { hasText: 'Synced' }) })
    .first().locator('[data-testid=view-details]').click();
  await page.locator('[data-testid=side-by-side]').waitFor(); await page.waitForTimeout(1500);
  await page.screenshot({ path: out + 'product-details.png' });
  await page.keyboard.press('Escape'); await page.waitForTimeout(500);
  await page.locator('[data-testid=product-grid] thead input[type=checkbox]').check();
  await page.locator('[data-testid=select-all-matching]').click();
  await page.locator('[data-testid=selection-banner]', { hasText: 'matching are selected' }).waitFor(); await page.waitForTimeout(500);
  await page.screenshot({ path: out + 'products-all-matching.png' });
  await page.goto(base + '/?store=2&status=problems'); await ready(page);
  await page.screenshot({ path: out + 'products-problems.png' });
  await page.goto(base + '/?store=2&status=notsynced'); await ready(page);
  await page.locator('[data-testid=map-product]').first().click();
  await page.locator('[data-testid=mapper-candidate]').first().waitFor(); await page.waitForTimeout(800);
  await page.screenshot({ path: out + 'individual-mapper.png' });
  await page.goto(base + '/destination'); await ready(page);
  await page.screenshot({ path: out + 'destination.png' });
  await page.goto(base + '/bulk-mapper'); await ready(page);
  await page.locator('[data-testid=bulk-dry-run]').click();
  await page.locator('[data-testid=bulk-summary]').waitFor(); await page.waitForTimeout(800);
  await page.screenshot({ path: out + 'bulk-mapper.png' });
  await page.goto(base + '/activity'); await ready(page);
  await page.screenshot({ path: out + 'activity-log.png' });
  await page.goto(base + '/stores'); await ready(page);
  await page.screenshot({ path: out + 'stores.png', fullPage: false });
  // a phone, light, then dark with the drawer open
  const phone = await open(390, 844, 'light');
  await signIn(phone);
  await phone.goto(base + '/?store=2'); await ready(phone);
  await phone.screenshot({ path: out + 'phone-products.png' });
  const night = await open(390, 844, 'dark');
  await signIn(night);
  await night.goto(base + '/jobs'); await ready(night);
  await night.getByLabel('Toggle navigation').click(); await night.waitForTimeout(800);
  await night.screenshot({ path: out + 'phone-drawer-dark.png' });
  console.log('console errors:', JSON.stringify(errors));
  await browser.close();
})();
