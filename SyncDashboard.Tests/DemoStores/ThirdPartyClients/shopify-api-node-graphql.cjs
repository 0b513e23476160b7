// shopify-api-node's shopify.graphql() against a demo store (only its base URL points there), a burst
// of concurrent queries bigger than the store's GraphQL cost bucket. The library has two ways of
// living with rate limits, one at a time (MODE): autoLimit, its client-side leaky bucket, which its
// README says "is ignored while using GraphQL API" (it wraps only the REST request function); and
// maxRetries, which retries a THROTTLED answer after (requestedQueryCost - currentlyAvailable) /
// restoreRate seconds, read from the answer's extensions.cost.throttleStatus.
// Env: STORE (host:port), TOKEN, API_VERSION, MODE (autoLimit or maxRetries), BURST (queries).
const Shopify = require('shopify-api-node');

const [hostname, port] = process.env.STORE.split(':');
const base = { shopName: 'demo', accessToken: process.env.TOKEN, apiVersion: process.env.API_VERSION };
const seen = { mode: process.env.MODE, retries: [] };

// The two options together are refused by the constructor.
try {
  new Shopify({ ...base, autoLimit: true, maxRetries: 3 });
} catch (e) {
  seen.bothOptions = e.message;
}

const shopify = new Shopify(process.env.MODE === 'autoLimit'
  ? { ...base, autoLimit: { calls: 2, interval: 1000, bucketSize: 35 } }
  : {
      // A refused query may wait behind every other one of the burst, so as many retries as queries.
      // (3.15.0 does not count THROTTLED retries against maxRetries anyway: its calculateDelay
      // answers the throttle wait before looking at the attempt count.)
      ...base, maxRetries: Number(process.env.BURST),
      hooks: {
        // got calls this once the library's wait is over: how long it waited since the THROTTLED answer, and what that answer said.
        beforeRetry: [(options, error, retryCount) => {
          const { body, timings } = error.response;
          seen.retries.push({ retryCount, waitedMs: Date.now() - timings.end, code: body.errors[0].extensions.code, cost: body.extensions.cost });
        }],
      },
    });
shopify.baseUrl = { hostname, port: Number(port), protocol: 'http:' };
seen.limits = [];
shopify.on('callGraphqlLimits', limits => seen.limits.push({ ...limits }));

(async () => {
  // 20 products, so that each query's actual cost is its requested cost (2 + 20 nodes = 22 points).
  const query = 'query Burst($n: Int!) { products(first: $n) { nodes { id } } }';
  const burst = Number(process.env.BURST);
  const started = Date.now();
  seen.answered = 0;
  seen.throttled = [];
  seen.otherErrors = [];
  await Promise.all(Array.from({ length: burst }, () => shopify.graphql(query, { n: 20 }).then(data => {
    if (data.products.nodes.length === 20) seen.answered++;
  }, e => {
    if (e.extensions && e.extensions.code === 'THROTTLED') seen.throttled.push({ message: e.message, extensions: e.extensions });
    else seen.otherErrors.push(e.message);
  })));
  seen.elapsedMs = Date.now() - started;
  seen.callGraphqlLimits = shopify.callGraphqlLimits;
  console.log(JSON.stringify(seen));
})().catch(e => { console.error(e.message, e.response && e.response.body); process.exit(1); });
