namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>
/// The GraphQL documents the client sends (GraphQL Admin API 2026-10), with the requested cost of
/// each as Shopify calculates it (objects 1, a connection 2 + its page size x its nodes' cost,
/// mutations 10), so that the pacer can wait for it before the first answer tells the real one.
/// </summary>
public static class ShopifyGraphQLDocuments
{
    /// <summary>Products per page of a catalogue read: 5 x (product + 30 variants + 10 images) stays under 1,000 points.</summary>
    public const int ProductsPerPage = 5;

    /// <summary>Variants read with each product; a product with more is completed with <see cref="ProductVariantsPage"/>.</summary>
    public const int VariantsPerProduct = 30;

    /// <summary>Variants per page when a product's variants are read on their own.</summary>
    public const int VariantsPerPage = 150;

    /// <summary>Inventory items per level read (aliases in one query): 25 x (item + 10 levels) stays under 1,000 points.</summary>
    public const int InventoryItemsPerRead = 25;

    /// <summary>Quantities per <c>inventorySetQuantities</c> call (Shopify's limit).</summary>
    public const int QuantitiesPerSet = 250;

    public const string VariantFields = """
        fragment VariantFields on ProductVariant {
          id title sku barcode price compareAtPrice position inventoryPolicy inventoryQuantity
          selectedOptions { name value }
          inventoryItem { id tracked measurement { weight { value unit } } }
        }
        """;

    public const string ProductFields = """
        fragment ProductFields on Product {
          id title descriptionHtml vendor productType handle tags status createdAt updatedAt
          options { name values }
          media(first: 10) { nodes { ... on MediaImage { id image { url altText } } } }
          variants(first: 30) { nodes { ...VariantFields } pageInfo { hasNextPage endCursor } }
        }
        """ + VariantFields;

    /// <summary>Cost of one variant node read with <see cref="VariantFields"/>: itself, selected options, inventory item, measurement, weight.</summary>
    public const int VariantCost = 5;

    /// <summary>Cost of one product node read with <see cref="ProductFields"/>: 1 + options 1 + media (2 + 10 x 2) + variants (2 + 30 x 5).</summary>
    public const int ProductCost = 1 + 1 + (2 + 10 * 2) + (2 + VariantsPerProduct * VariantCost);

    /// <summary>Cost of a page of products.</summary>
    public const int ProductsPageCost = 2 + ProductsPerPage * ProductCost;

    /// <summary>
    /// Every product with its variants and images, for a bulk operation: connections take no
    /// <c>first</c> there; the JSONL result has one line per product, variant and image, children
    /// carrying <c>__parentId</c> (shopify.dev "Perform bulk operations with the GraphQL Admin API").
    /// </summary>
    public const string BulkProducts = """
        {
          products {
            edges { node {
              id title descriptionHtml vendor productType handle tags status createdAt updatedAt
              options { name values }
              media { edges { node { ... on MediaImage { id image { url altText } } } } }
              variants { edges { node {
                id title sku barcode price compareAtPrice position inventoryPolicy inventoryQuantity
                selectedOptions { name value }
                inventoryItem { id tracked measurement { weight { value unit } } }
              } } }
            } }
          }
        }
        """;

    /// <summary>Starts a bulk query; <c>groupObjects: true</c> keeps each product's lines together, so the result can be read as a stream.</summary>
    public const string BulkOperationRunQuery = """
        mutation BulkOperationRunQuery($query: String!) {
          bulkOperationRunQuery(query: $query, groupObjects: true) { bulkOperation { id status } userErrors { field message code } }
        }
        """;

    public const string BulkOperation = """
        query BulkOperation($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount url } }
        """;

    public const string Shop = """
        query Shop { shop { name myshopifyDomain } location { id } }
        """;

    public const string ProductsPage = """
        query ProductsPage($first: Int!, $after: String, $query: String) {
          products(first: $first, after: $after, query: $query) { nodes { ...ProductFields } pageInfo { hasNextPage endCursor } }
        }
        """ + ProductFields;

    public const string Product = """
        query Product($id: ID!) { product(id: $id) { ...ProductFields } }
        """ + ProductFields;

    public const string ProductVariantsPage = """
        query ProductVariantsPage($id: ID!, $after: String) {
          product(id: $id) { variants(first: 150, after: $after) { nodes { ...VariantFields } pageInfo { hasNextPage endCursor } } }
        }
        """ + VariantFields;

    public const int ProductVariantsPageCost = 1 + 2 + VariantsPerPage * VariantCost;

    public const string ProductsCount = """
        query ProductsCount { productsCount(limit: null) { count } }
        """;

    public const string ProductSet = """
        mutation ProductSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
          productSet(input: $input, identifier: $identifier, synchronous: true) {
            product { ...ProductFields }
            userErrors { field message code }
          }
        }
        """ + ProductFields;

    public const string ProductDelete = """
        mutation ProductDelete($id: ID!) { productDelete(input: { id: $id }) { deletedProductId userErrors { field message code } } }
        """;

    public const string VariantsBulkCreate = """
        mutation VariantsBulkCreate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
          productVariantsBulkCreate(productId: $productId, variants: $variants) {
            productVariants { ...VariantFields }
            userErrors { field message code }
          }
        }
        """ + VariantFields;

    public const string VariantsBulkUpdate = """
        mutation VariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants) {
            productVariants { id }
            userErrors { field message code }
          }
        }
        """;

    public const string VariantsBulkDelete = """
        mutation VariantsBulkDelete($productId: ID!, $variantsIds: [ID!]!) {
          productVariantsBulkDelete(productId: $productId, variantsIds: $variantsIds) { userErrors { field message code } }
        }
        """;

    public const string ProductMetafields = """
        query ProductMetafields($id: ID!, $namespace: String) {
          product(id: $id) { metafields(first: 250, namespace: $namespace) { nodes { id namespace key value type } } }
        }
        """;

    public const string MetafieldsSet = """
        mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
          metafieldsSet(metafields: $metafields) { metafields { id namespace key value type } userErrors { field message code } }
        }
        """;

    public const string InventorySetQuantities = """
        mutation InventorySet($input: InventorySetQuantitiesInput!, $key: String!) {
          inventorySetQuantities(input: $input) @idempotent(key: $key) {
            inventoryAdjustmentGroup { changes { name quantityAfterChange item { id } location { id } } }
            userErrors { field message code }
          }
        }
        """;

    public const string Locations = """
        query Locations { locations(first: 250) { nodes { id name isActive } } }
        """;

    public const string WebhookSubscriptions = """
        query WebhookSubscriptions { webhookSubscriptions(first: 250) { nodes { id topic uri } } }
        """;

    public const string WebhookSubscriptionCreate = """
        mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
          webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
            webhookSubscription { id topic uri }
            userErrors { field message }
          }
        }
        """;

    public const string WebhookSubscriptionDelete = """
        mutation WebhookSubscriptionDelete($id: ID!) {
          webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
        }
        """;

    /// <summary>
    /// The levels of up to <see cref="InventoryItemsPerRead"/> inventory items in one query: one
    /// aliased <c>inventoryItem</c> field per item (<c>i0</c>, <c>i1</c>, ...); the operation is named
    /// <c>InventoryLevels{items}</c>, one name per size, so that each size's cost is learned apart.
    /// </summary>
    public static string InventoryLevels(int items)
    {
        var fields = string.Concat(Enumerable.Range(0, items).Select(i =>
            $" i{i}: inventoryItem(id: $id{i}) {{ id inventoryLevels(first: 10) {{ nodes {{ location {{ id }} quantities(names: [\"available\"]) {{ name quantity }} updatedAt }} }} }}"));
        var variables = string.Join(", ", Enumerable.Range(0, items).Select(i => $"$id{i}: ID!"));
        return $"query InventoryLevels{items}({variables}) {{{fields} }}";
    }

    /// <summary>1 + levels (2 + 10 x (level 1 + location 1 + quantities 1)) per item.</summary>
    public static int InventoryLevelsCost(int items) => items * (1 + 2 + 10 * 3);
}
