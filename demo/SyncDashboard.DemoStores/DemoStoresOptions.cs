namespace SyncDashboard.DemoStores;

/// <summary>
/// The embedded demo stores (configuration section <c>DemoStores</c>): in-process servers of the
/// Shopify Admin REST API subset SyncDashboard uses, each on its own loopback port.
/// </summary>
public sealed class DemoStoresOptions
{
    public const string SectionName = "DemoStores";

    /// <summary>Start the demo stores with the dashboard. Turn off to work with real stores only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the demo stores' SQLite file; relative paths are under the app's content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Name of the SQLite file that holds every demo store's state.</summary>
    public string DatabaseFileName { get; set; } = "demo-stores.db";

    public List<DemoStoreOptions> Stores { get; set; } = [];

    /// <summary>How the default demo catalogues are generated when a store is first seeded.</summary>
    public DemoCatalogueOptions Catalogue { get; set; } = new();
}

/// <summary>One demo store.</summary>
public sealed class DemoStoreOptions
{
    /// <summary>A short key, unique among the demo stores (for example <c>destination</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>What the store sends as <c>X-Shopify-Shop-Domain</c> (for example <c>demo-destination.myshopify.com</c>).</summary>
    public string Domain { get; set; } = "";

    /// <summary>Loopback port to listen on; 0 lets the system pick one (tests).</summary>
    public int Port { get; set; }

    /// <summary>
    /// The legacy Admin API access token (a custom app's <c>shpat_</c> token, copied from the store
    /// admin until 2026) the store accepts in <c>X-Shopify-Access-Token</c>, besides the tokens it
    /// issues through OAuth to the app of <see cref="ClientId"/>.
    /// </summary>
    public string AccessToken { get; set; } = "";

    /// <summary>
    /// The client id of the app installed in the store, as Shopify's Dev Dashboard shows it (apps
    /// created since 2026-01-01 get a client id and secret, not a copied token). The app gets its
    /// access tokens from <c>POST /admin/oauth/access_token</c> (see <c>DemoStoreOAuth</c>).
    /// </summary>
    public string ClientId { get; set; } = "";

    /// <summary>The app's client secret: it authenticates the app at the token endpoint and signs the OAuth redirect's <c>hmac</c>.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The access scopes the app is granted, comma-separated as in Shopify's <c>scope</c> field.</summary>
    public string AccessScopes { get; set; } = "read_products,write_products,read_inventory,write_inventory,read_locations";

    /// <summary>
    /// How long a client-credentials (and an online) access token is accepted: 24 hours by default,
    /// as Shopify's, whose token response then says <c>"expires_in": 86399</c>.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The secret that signs webhook deliveries (<c>X-Shopify-Hmac-Sha256</c>).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>The role its catalogue is generated for.</summary>
    public DemoStoreRole Role { get; set; } = DemoStoreRole.Source;

    /// <summary>Leaky bucket size (Shopify standard plan: 40).</summary>
    public int BucketSize { get; set; } = 40;

    /// <summary>Requests drained per second (Shopify standard plan: 2).</summary>
    public double LeakRatePerSecond { get; set; } = 2;

    /// <summary>GraphQL Admin API cost bucket in points (Shopify Standard plan: 2,000); counted apart from the REST bucket.</summary>
    public int GraphQLBucketSize { get; set; } = 2_000;

    /// <summary>GraphQL points restored per second (Shopify Standard plan: 100).</summary>
    public double GraphQLRestoreRatePerSecond { get; set; } = 100;

    /// <summary>
    /// The store's locations by name, the first being its primary location (where seeded stock and
    /// new variants are stocked). A location missing from an existing store is added at start.
    /// </summary>
    public List<string> Locations { get; set; } = ["Main warehouse"];

    /// <summary>Shopify product CSV files imported into the store when it is first seeded.</summary>
    public List<string> CsvCatalogues { get; set; } = [];

    /// <summary>How long a webhook address has to answer before the delivery counts as failed.</summary>
    public double WebhookTimeoutSeconds { get; set; } = 5;

    /// <summary>Attempts per webhook delivery (the first one included).</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry of a failed delivery; it doubles with every further retry.</summary>
    public int WebhookRetryDelayMilliseconds { get; set; } = 1_000;

    public DemoStoreFaultOptions Faults { get; set; } = new();
}

public enum DemoStoreRole
{
    Source,
    Destination,
}

/// <summary>Fault injection for tests and demos; every value can also be changed while the store runs.</summary>
public sealed class DemoStoreFaultOptions
{
    /// <summary>Share (0 to 1) of API requests answered with a 5xx error.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Latency added to every API request, in milliseconds.</summary>
    public int AddedLatencyMilliseconds { get; set; }

    /// <summary>Share (0 to 1) of webhook deliveries dropped (never sent, never retried).</summary>
    public double WebhookDropRate { get; set; }

    /// <summary>Share (0 to 1) of webhook deliveries held back before they are sent, so that later ones overtake them (out of order).</summary>
    public double WebhookDelayRate { get; set; }

    /// <summary>The longest hold of a delayed delivery, in milliseconds (each is held a random time up to it).</summary>
    public int WebhookMaxDelayMilliseconds { get; set; } = 3000;

    /// <summary>The seed of the faults' random draws: the same seed gives the same sequence of faults (null: a different one each run).</summary>
    public int? Seed { get; set; }
}

/// <summary>The generated demo catalogue (see <c>CatalogueGenerator</c>).</summary>
public sealed class DemoCatalogueOptions
{
    /// <summary>The generator's seed: the same seed gives the same catalogues.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>Generated products in each Source store.</summary>
    public int ProductsPerSource { get; set; } = 150;

    /// <summary>Share (0 to 1) of Source products with at least one variant without a SKU.</summary>
    public double MissingSkuShare { get; set; } = 0.04;

    /// <summary>Share (0 to 1) of Source products with a SKU that another variant of the store also uses.</summary>
    public double DuplicateSkuShare { get; set; } = 0.03;

    /// <summary>Share (0 to 1) of Source products that already exist in the Destination store.</summary>
    public double InDestinationShare { get; set; } = 0.25;

    /// <summary>Of those already in the Destination, the share whose variants differ slightly (one variant more or less, or a SKU changed).</summary>
    public double SlightlyDifferentShare { get; set; } = 0.3;

    /// <summary>Products in the Destination store that exist in no Source.</summary>
    public int DestinationOnlyProducts { get; set; } = 40;
}
