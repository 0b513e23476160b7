// Shopify's own GraphQL client (@shopify/admin-api-client createAdminApiClient) against a demo store.
// The client always builds https://<storeDomain>/admin/api/<version>/graphql.json (it has no scheme
// option, unlike its REST client); its customFetchApi, the documented place for a fetch of one's own,
// sends that same request over http, so only the host and scheme change. Env: STORE (host:port),
// TOKEN, API_VERSION. Prints one JSON line with what it saw.
import { createAdminApiClient } from '@shopify/admin-api-client';

const urls = new Set();
const options = {
  storeDomain: process.env.STORE, apiVersion: process.env.API_VERSION, logger: () => {},
  customFetchApi: (url, init) => { urls.add(url); return fetch(url.replace(/^https:/, 'http:'), init); },
};
const client = createAdminApiClient({ ...options, accessToken: process.env.TOKEN });
const seen = { errors: [] };
// Every answer that should have worked: any error the client reports is kept for the test to show.
const ok = (step, answer) => {
  if (answer.errors) seen.errors.push({ step, message: answer.errors.message, graphQLErrors: answer.errors.graphQLErrors, status: answer.errors.networkStatusCode });
  return answer;
};

let answer = ok('shop', await client.request('query Shop { shop { name myshopifyDomain } location { id } }'));
seen.shop = answer.data.shop;
seen.shopCost = answer.extensions.cost;
const location = answer.data.location.id;

// client.fetch: the raw fetch Response, as Shopify's docs show for reading headers.
const response = await client.fetch('query { shop { name } }');
seen.fetch = { status: response.status, contentType: response.headers.get('content-type'),
  apiVersion: response.headers.get('x-shopify-api-version'), body: await response.json() };

// Every page of products through pageInfo's endCursor, as Shopify documents cursor pagination.
const Page = `query Page($after: String) {
  products(first: 100, after: $after) { nodes { id title } pageInfo { hasNextPage endCursor } }
}`;
const products = [];
seen.pageCosts = [];
let after = null;
do {
  answer = ok('page', await client.request(Page, { variables: { after } }));
  products.push(...answer.data.products.nodes);
  seen.pageCosts.push(answer.extensions.cost);
  const { hasNextPage, endCursor } = answer.data.products.pageInfo;
  after = hasNextPage ? endCursor : null;
} while (after !== null);
seen.products = products;

// productSet creating a product with two variants stocked at the primary location.
answer = ok('productSet', await client.request(`mutation Set($input: ProductSetInput!) {
  productSet(input: $input, synchronous: true) { product { id title } userErrors { field message code } }
}`, { variables: { input: {
  title: 'GraphQL Probe', vendor: 'Probe', status: 'ACTIVE', tags: ['graphql', 'probe'],
  productOptions: [{ name: 'Size', values: [{ name: 'S' }, { name: 'M' }] }],
  variants: [
    { optionValues: [{ optionName: 'Size', name: 'S' }], price: '12.50', inventoryItem: { sku: 'GQL-S', tracked: true },
      inventoryQuantities: [{ locationId: location, name: 'available', quantity: 4 }] },
    { optionValues: [{ optionName: 'Size', name: 'M' }], price: '13.00', inventoryItem: { sku: 'GQL-M', tracked: true },
      inventoryQuantities: [{ locationId: location, name: 'available', quantity: 9 }] },
  ] } } }));
seen.productSet = answer.data.productSet;
seen.productSetCost = answer.extensions.cost;

answer = ok('product', await client.request(`query Product($id: ID!) {
  product(id: $id) { id title vendor tags status variants(first: 10) { nodes {
    sku price selectedOptions { name value }
    inventoryItem { id sku tracked inventoryLevels(first: 5) { nodes { location { id } quantities(names: ["available"]) { name quantity } } } }
  } } }
}`, { variables: { id: answer.data.productSet.product.id } }));
seen.product = answer.data.product;
seen.location = location;

// What the client makes of an answer with errors: a field the schema lacks, then an empty bucket.
answer = await client.request('query { shop { nameOfTheOwner } }');
seen.unknownField = { status: answer.errors.networkStatusCode, message: answer.errors.message, graphQLErrors: answer.errors.graphQLErrors, data: answer.data ?? null };
for (let i = 0; i < 20; i++) {
  answer = await client.request('query Spend { products(first: 250) { nodes { id } } }');
  if (answer.errors) break;
}
seen.throttled = { status: answer.errors?.networkStatusCode, graphQLErrors: answer.errors?.graphQLErrors, cost: answer.extensions?.cost, data: answer.data ?? null };

answer = await createAdminApiClient({ ...options, accessToken: 'not-the-token' }).request('query { shop { name } }');
seen.unauthorized = { status: answer.errors.networkStatusCode, message: answer.errors.message };

seen.urls = [...urls];
console.log(JSON.stringify(seen));
