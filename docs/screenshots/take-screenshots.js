// Takes the README's screenshots (1440x900, light theme) of a freshly started dashboard:
//   rm -rf SyncDashboard/App_Data && dotnet run --project SyncDashboard &
//   npm install playwright-core && node docs/screenshots/take-screenshots.js
// Uses Debian's Chromium at /usr/bin/chromium.
const { chromium } = require('playwright-core');
const base = 'http://127.0.0.1:5080';
const out = require('path').join(__dirname, '/');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  const ready = async () => { await page.locator('[data-interactive=true]').waitFor(); await page.waitForTimeout(1500); };
  await page.goto(base + '/?store=2'); await ready();
  // select three healthy products and sync them, so the grid shows every status
  const rows = page.locator('[data-testid=product-grid] tbody tr').filter({ has: page.locator('[data-testid=status-chip]', { hasText: 'Not synced' }) });
  for (let i = 0; i < 3; i++) await rows.nth(i).locator('input[type=checkbox]').check();
  await page.screenshot({ path: out + 'products-selection.png' });
  await page.locator('[data-testid=sync-selected]').click();
  await page.getByText('Bulk sync completed').waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out + 'products.png' });
  await page.locator('[data-testid=view-details]').first().click();
  await page.locator('[data-testid=variants-table]').waitFor(); await page.waitForTimeout(800);
  await page.screenshot({ path: out + 'product-details.png' });
  await page.keyboard.press('Escape'); await page.waitForTimeout(500);
  await page.goto(base + '/?store=2&status=problems'); await ready();
  await page.screenshot({ path: out + 'products-problems.png' });
  await page.goto(base + '/?store=2&status=notsynced'); await ready();
  await page.locator('[data-testid=map-product]').first().click();
  await page.locator('[data-testid=mapper-candidate]').first().waitFor(); await page.waitForTimeout(800);
  await page.screenshot({ path: out + 'individual-mapper.png' });
  await page.goto(base + '/bulk-mapper'); await ready();
  await page.locator('[data-testid=bulk-dry-run]').click();
  await page.locator('[data-testid=bulk-summary]').waitFor(); await page.waitForTimeout(800);
  await page.screenshot({ path: out + 'bulk-mapper.png' });
  await page.goto(base + '/activity'); await ready();
  await page.screenshot({ path: out + 'activity-log.png' });
  await page.goto(base + '/stores'); await ready();
  await page.screenshot({ path: out + 'stores.png', fullPage: false });
  console.log('console errors:', JSON.stringify(errors));
  await browser.close();
})();
