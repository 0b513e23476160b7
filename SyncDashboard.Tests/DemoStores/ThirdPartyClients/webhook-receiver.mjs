// Receives webhooks and checks each with Shopify's own validator (@shopify/shopify-api
// webhooks.validate: HMAC with the app's secret and the required headers). Env: SECRET.
// Prints "listening <port>", then one JSON line per delivery.
import '@shopify/shopify-api/adapters/node';
import { shopifyApi, ApiVersion } from '@shopify/shopify-api';
import http from 'node:http';

const shopify = shopifyApi({ apiKey: 'demo', apiSecretKey: process.env.SECRET, scopes: [], hostName: 'localhost',
  apiVersion: ApiVersion.July25, isEmbeddedApp: false, logger: { level: 0, log: () => {} } });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', async () => {
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const check = await shopify.webhooks.validate({ rawBody, rawRequest: req, rawResponse: res });
    console.log(JSON.stringify({ ...check, body: JSON.parse(rawBody) }));
    res.writeHead(200).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
