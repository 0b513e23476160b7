// Shopify's own REST client (@shopify/admin-api-client) against a demo store, changing only the
// address. Env: STORE (host:port), TOKEN, API_VERSION. Prints one JSON line with what it saw.
import { createAdminRestApiClient } from '@shopify/admin-api-client';

const options = { storeDomain: process.env.STORE, apiVersion: process.env.API_VERSION, scheme: 'http', isTesting: true, logger: () => {} };
const client = createAdminRestApiClient({ ...options, accessToken: process.env.TOKEN });
const seen = {};

let response = await client.get('products/count');
seen.count = (await response.json()).count;

// Every page through the Link header's page_info cursor, as Shopify documents it.
const ids = [];
let searchParams = { limit: 50 };
seen.pages = 0;
seen.nextLinkParams = [];
for (;;) {
  response = await client.get('products', { searchParams });
  const body = await response.json();
  seen.pages++;
  ids.push(...body.products.map(p => p.id));
  const next = (response.headers.get('link') ?? '').split(',').find(l => l.includes('rel="next"'));
  if (!next) break;
  const url = new URL(next.match(/<([^>]+)>/)[1]);
  seen.nextLinkParams = [...new Set([...seen.nextLinkParams, ...url.searchParams.keys()])];
  searchParams = Object.fromEntries(url.searchParams);
}
seen.listed = ids.length;
seen.distinct = new Set(ids).size;
seen.callLimit = response.headers.get('x-shopify-shop-api-call-limit');

response = await client.post('products', {
  data: { product: { title: 'Fidelity Tee', vendor: 'Probe', tags: 'summer, linen', options: [{ name: 'Size' }],
    variants: [{ sku: 'FID-S', price: '19.90', compare_at_price: '25.00', option1: 'S' }, { sku: 'FID-M', price: '21.00', option1: 'M' }] } },
});
const created = (await response.json()).product;
seen.createStatus = response.status;
seen.created = { title: created.title, tags: created.tags, options: created.options.map(o => o.name),
  variants: created.variants.map(v => ({ sku: v.sku, price: v.price, compareAt: v.compare_at_price, option1: v.option1 })) };

response = await client.put(`products/${created.id}`, { data: { product: { id: created.id, title: 'Fidelity Tee, renamed' } } });
seen.updatedTitle = (await response.json()).product.title;

response = await client.get('locations');
const location = (await response.json()).locations[0];
const item = created.variants[0].inventory_item_id;
response = await client.post('inventory_levels/set', { data: { location_id: location.id, inventory_item_id: item, available: 7 } });
seen.set = (await response.json()).inventory_level.available;
response = await client.post('inventory_levels/adjust', { data: { location_id: location.id, inventory_item_id: item, available_adjustment: -2 } });
seen.adjusted = (await response.json()).inventory_level.available;
response = await client.get('inventory_levels', { searchParams: { inventory_item_ids: item, location_ids: location.id } });
seen.levels = (await response.json()).inventory_levels.map(l => l.available);
response = await client.get(`products/${created.id}`, { searchParams: { fields: 'id,title,variants' } });
const partial = (await response.json()).product;
seen.fields = Object.keys(partial).sort();
seen.inventoryQuantity = partial.variants[0].inventory_quantity;

// The link marker's paths: a product metafield, and variants added and deleted on their own.
response = await client.post(`products/${created.id}/metafields`, {
  data: { metafield: { namespace: 'syncdashboard', key: 'source', value: 'supplier.myshopify.com/1', type: 'single_line_text_field' } } });
seen.metafieldCreated = response.status;
response = await client.get(`products/${created.id}/metafields`, { searchParams: { namespace: 'syncdashboard' } });
seen.metafields = (await response.json()).metafields.map(m => `${m.namespace}.${m.key}=${m.value}`);
response = await client.post(`products/${created.id}/variants`, { data: { variant: { option1: 'L', sku: 'FID-L', price: '22.00' } } });
const added = (await response.json()).variant;
seen.variantAdded = { status: response.status, sku: added.sku };
response = await client.delete(`products/${created.id}/variants/${added.id}`);
seen.variantDeleted = response.status;

response = await client.post('webhooks', { data: { webhook: { topic: 'products/update', address: 'http://127.0.0.1:9/hooks', format: 'json' } } });
const webhook = (await response.json()).webhook;
seen.webhookCreated = response.status;
response = await client.delete(`webhooks/${webhook.id}`);
seen.webhookDeleted = response.status;

response = await client.delete(`products/${created.id}`);
seen.deleted = response.status;
response = await client.get(`products/${created.id}`);
seen.afterDelete = { status: response.status, body: await response.json() };
response = await client.post('products', { data: { product: { title: '' } } });
seen.invalid = { status: response.status, body: await response.json() };
response = await createAdminRestApiClient({ ...options, accessToken: 'not-the-token' }).get('products');
seen.unauthorized = response.status;

console.log(JSON.stringify(seen));
