// shopify-api-node, the most used community client, against a demo store: it builds https URLs
// for <shop>.myshopify.com, so only its base URL is pointed at the demo store. Its own rate
// limiter (autoLimit) paces a burst. Env: STORE (host:port), TOKEN, API_VERSION, RATE (the store's
// leak rate per second) and BUCKET (its bucket size).
const Shopify = require('shopify-api-node');

const [hostname, port] = process.env.STORE.split(':');
const shopify = new Shopify({ shopName: 'demo', accessToken: process.env.TOKEN, apiVersion: process.env.API_VERSION,
  autoLimit: { calls: Number(process.env.RATE), interval: 1000, bucketSize: Number(process.env.BUCKET) } });
shopify.baseUrl = { hostname, port: Number(port), protocol: 'http:' };

(async () => {
  const seen = {};
  seen.count = await shopify.product.count();
  const ids = [];
  let params = { limit: 50 };
  do {
    const page = await shopify.product.list(params);
    ids.push(...page.map(p => p.id));
    params = page.nextPageParameters;
  } while (params !== undefined);
  seen.listed = ids.length;
  seen.distinct = new Set(ids).size;

  const created = await shopify.product.create({ title: 'Node Probe', variants: [{ sku: 'NP-1', price: '5.00' }] });
  seen.defaultOption = created.options.map(o => o.name);
  seen.defaultVariant = created.variants.map(v => v.title);
  const [location] = await shopify.location.list();
  const item = created.variants[0].inventory_item_id;
  seen.set = (await shopify.inventoryLevel.set({ location_id: location.id, inventory_item_id: item, available: 11 })).available;
  seen.adjusted = (await shopify.inventoryLevel.adjust({ location_id: location.id, inventory_item_id: item, available_adjustment: 4 })).available;
  seen.tags = (await shopify.product.update(created.id, { tags: 'x, y' })).tags;

  // A burst of 120 calls, paced by the client from the call-limit header: no 429 should come back.
  seen.throttled = 0;
  await Promise.all(Array.from({ length: 120 }, () => shopify.product.get(created.id).catch(e => {
    if (e.response && e.response.statusCode === 429) seen.throttled++; else throw e;
  })));
  seen.callLimits = shopify.callLimits;

  await shopify.product.delete(created.id);
  try { await shopify.product.get(created.id); } catch (e) { seen.afterDelete = e.response.statusCode; }
  seen.shop = (await shopify.shop.get()).domain;
  console.log(JSON.stringify(seen));
})().catch(e => { console.error(e.message, e.response && e.response.body); process.exit(1); });
