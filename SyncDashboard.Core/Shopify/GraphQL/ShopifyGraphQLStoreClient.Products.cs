using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify.GraphQL;

// Products, variants and metafields.
public sealed partial class ShopifyGraphQLStoreClient
{
    /// <summary>
    /// The whole catalogue (no filter) through a bulk operation, streamed; otherwise
    /// products page after page (<see cref="ShopifyGraphQLDocuments.ProductsPerPage"/> a call, in id
    /// order), filtered by <c>updated_at</c> and <c>id</c> in Shopify's search syntax; a product with
    /// more variants than a page carries is completed with its own variant pages. With ids, the
    /// products are read a few at a time (aliased <c>product(id:)</c> fields) and missing ones skipped.
    /// </summary>
    public async IAsyncEnumerable<StoreProduct> ListProductsAsync(ProductFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new ProductFilter();
        if (filter.Ids is { } ids)
        {
            foreach (var chunk in ids.Distinct().Chunk(ShopifyGraphQLDocuments.ProductsPerPage))
            {
                foreach (var product in await GetProductsAsync(chunk, cancellationToken).ConfigureAwait(false))
                {
                    yield return product;
                }
            }
            yield break;
        }
        if (filter is { UpdatedAtMin: null, SinceId: null })
        {
            // The whole catalogue: one bulk operation rather than thousands of pages.
            if (await TryReadAllByBulkAsync(cancellationToken).ConfigureAwait(false) is { } all)
            {
                await foreach (var product in all.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    yield return product;
                }
                yield break;
            }
        }
        var terms = new List<string>();
        if (filter.UpdatedAtMin is { } min)
        {
            terms.Add($"updated_at:>='{min.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}'");
        }
        if (filter.SinceId is { } sinceId)
        {
            terms.Add($"id:>{sinceId.ToString(CultureInfo.InvariantCulture)}");
        }
        string? after = null;
        do
        {
            var variables = new JsonObject
            {
                ["first"] = ShopifyGraphQLDocuments.ProductsPerPage,
                ["after"] = after,
                ["query"] = terms.Count == 0 ? null : string.Join(" AND ", terms),
            };
            var data = await ExecuteAsync("ProductsPage", ShopifyGraphQLDocuments.ProductsPage, variables, ShopifyGraphQLDocuments.ProductsPageCost,
                safeToRepeat: true, cancellationToken).ConfigureAwait(false);
            var page = Read<GqlConnection<GqlProduct>>(data, "products");
            foreach (var product in page.Nodes)
            {
                yield return await CompleteAsync(product, cancellationToken).ConfigureAwait(false);
            }
            after = page.PageInfo is { HasNextPage: true, EndCursor: { } cursor } ? cursor : null;
        }
        while (after is not null);
    }

    public async Task<StoreProduct?> GetProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("Product", ShopifyGraphQLDocuments.Product, new JsonObject { ["id"] = ShopifyGid.For("Product", productId) },
            ShopifyGraphQLDocuments.ProductCost, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        var product = data.GetProperty("product");
        return product.ValueKind == JsonValueKind.Null
            ? null
            : await CompleteAsync(product.Deserialize<GqlProduct>(ShopifyGraphQLJson.Options)!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the product with its options, variants, images and metafields in one <c>productSet</c>.
    /// Not repeated after a server error or a timeout (the store may have created it): look for it
    /// by its marker before trying again.
    /// </summary>
    public async Task<StoreProduct> CreateProductAsync(StoreProductDraft product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        var variables = new JsonObject { ["input"] = ShopifyGraphQLMapper.ToProductSetInput(product) };
        var data = await ExecuteAsync("ProductSet", ShopifyGraphQLDocuments.ProductSet, variables, 10, safeToRepeat: false, cancellationToken)
            .ConfigureAwait(false);
        var created = Payload<ProductPayload>(data, "productSet", "ProductSet").Product!;
        return await CompleteAsync(created, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes what <paramref name="update"/> sets: product fields and images through <c>productSet</c>
    /// (omitted fields stay; images given replace the product's), variants through
    /// <c>productVariantsBulkUpdate</c> (the others stay; a null compare-at price clears it).
    /// </summary>
    public async Task<StoreProduct> UpdateProductAsync(long productId, StoreProductUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var gid = ShopifyGid.For("Product", productId);
        GqlProduct? product = null;
        if (ShopifyGraphQLMapper.ToProductSetUpdate(update) is { } input)
        {
            var variables = new JsonObject { ["input"] = input, ["identifier"] = new JsonObject { ["id"] = gid } };
            var data = await ExecuteAsync("ProductSet", ShopifyGraphQLDocuments.ProductSet, variables, 10, safeToRepeat: true, cancellationToken)
                .ConfigureAwait(false);
            product = Payload<ProductPayload>(data, "productSet", "ProductSet").Product;
        }
        if (update.Variants is { Count: > 0 } variants)
        {
            var variables = new JsonObject
            {
                ["productId"] = gid,
                ["variants"] = new JsonArray([.. variants.Select(v => (JsonNode)ShopifyGraphQLMapper.ToVariantsBulkUpdate(v))]),
            };
            var data = await ExecuteAsync("VariantsBulkUpdate", ShopifyGraphQLDocuments.VariantsBulkUpdate, variables, 10, safeToRepeat: true, cancellationToken)
                .ConfigureAwait(false);
            Payload<JsonElement>(data, "productVariantsBulkUpdate", "VariantsBulkUpdate");
            product = null; // read again below, with the variants as they are now
        }
        if (product is not null)
        {
            return await CompleteAsync(product, cancellationToken).ConfigureAwait(false);
        }
        return await GetProductAsync(productId, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreApiException(StoreName, System.Net.HttpStatusCode.NotFound, $"Product {productId} does not exist.");
    }

    public async Task<bool> DeleteProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("ProductDelete", ShopifyGraphQLDocuments.ProductDelete, new JsonObject { ["id"] = ShopifyGid.For("Product", productId) },
            10, safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        var payload = data.GetProperty("productDelete");
        var errors = payload.GetProperty("userErrors").Deserialize<List<GqlUserError>>(ShopifyGraphQLJson.Options)!;
        if (errors.Any(e => e.Code == "PRODUCT_DOES_NOT_EXIST" || e.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        if (errors.Count > 0)
        {
            throw UserErrors("ProductDelete", errors);
        }
        return true;
    }

    /// <summary>Adds a variant (<c>productVariantsBulkCreate</c>). Not repeated after a server error: look for its SKU first.</summary>
    public async Task<StoreVariant> CreateVariantAsync(long productId, StoreVariantDraft variant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var product = await GetProductAsync(productId, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreApiException(StoreName, System.Net.HttpStatusCode.NotFound, $"Product {productId} does not exist.");
        var optionNames = product.Options.Select(o => o.Name).ToList();
        var variables = new JsonObject
        {
            ["productId"] = ShopifyGid.For("Product", productId),
            ["variants"] = new JsonArray(ShopifyGraphQLMapper.ToVariantsBulkCreate(variant, optionNames)),
        };
        var data = await ExecuteAsync("VariantsBulkCreate", ShopifyGraphQLDocuments.VariantsBulkCreate, variables, 10, safeToRepeat: false, cancellationToken)
            .ConfigureAwait(false);
        var created = Payload<VariantsPayload>(data, "productVariantsBulkCreate", "VariantsBulkCreate").ProductVariants[0];
        return ShopifyGraphQLMapper.ToStoreVariant(created, optionNames);
    }

    public async Task<bool> DeleteVariantAsync(long productId, long variantId, CancellationToken cancellationToken = default)
    {
        var variables = new JsonObject
        {
            ["productId"] = ShopifyGid.For("Product", productId),
            ["variantsIds"] = new JsonArray(ShopifyGid.For("ProductVariant", variantId)),
        };
        var data = await ExecuteAsync("VariantsBulkDelete", ShopifyGraphQLDocuments.VariantsBulkDelete, variables, 10, safeToRepeat: true, cancellationToken)
            .ConfigureAwait(false);
        var errors = data.GetProperty("productVariantsBulkDelete").GetProperty("userErrors").Deserialize<List<GqlUserError>>(ShopifyGraphQLJson.Options)!;
        if (errors.Any(e => e.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) || e.Code is "PRODUCT_DOES_NOT_EXIST" or "PRODUCT_VARIANT_DOES_NOT_EXIST"))
        {
            return false;
        }
        if (errors.Count > 0)
        {
            throw UserErrors("VariantsBulkDelete", errors);
        }
        return true;
    }

    public async Task<IReadOnlyList<StoreMetafield>> GetProductMetafieldsAsync(long productId, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        var variables = new JsonObject { ["id"] = ShopifyGid.For("Product", productId), ["namespace"] = @namespace };
        var data = await ExecuteAsync("ProductMetafields", ShopifyGraphQLDocuments.ProductMetafields, variables, 253, safeToRepeat: true, cancellationToken)
            .ConfigureAwait(false);
        var product = data.GetProperty("product");
        if (product.ValueKind == JsonValueKind.Null)
        {
            throw new StoreApiException(StoreName, System.Net.HttpStatusCode.NotFound, $"Product {productId} does not exist.");
        }
        return [.. product.GetProperty("metafields").Deserialize<GqlConnection<GqlMetafield>>(ShopifyGraphQLJson.Options)!.Nodes.Select(ToStoreMetafield)];
    }

    /// <summary>Creates or changes the product's metafield of that namespace and key (<c>metafieldsSet</c>, an upsert, safe to repeat).</summary>
    public async Task<StoreMetafield> SetProductMetafieldAsync(long productId, StoreMetafield metafield, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metafield);
        var variables = new JsonObject
        {
            ["metafields"] = new JsonArray(new JsonObject
            {
                ["ownerId"] = ShopifyGid.For("Product", productId),
                ["namespace"] = metafield.Namespace,
                ["key"] = metafield.Key,
                ["type"] = metafield.Type,
                ["value"] = metafield.Value,
            }),
        };
        var data = await ExecuteAsync("MetafieldsSet", ShopifyGraphQLDocuments.MetafieldsSet, variables, 10, safeToRepeat: true, cancellationToken)
            .ConfigureAwait(false);
        return ToStoreMetafield(Payload<MetafieldsPayload>(data, "metafieldsSet", "MetafieldsSet").Metafields[0]);
    }

    /// <summary>A few products by id in one query (aliased fields <c>p0</c>, <c>p1</c>, ...); ids the store lacks are skipped.</summary>
    private async Task<IReadOnlyList<StoreProduct>> GetProductsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var fields = string.Concat(ids.Select((_, i) => $" p{i}: product(id: $id{i}) {{ ...ProductFields }}"));
        var parameters = string.Join(", ", ids.Select((_, i) => $"$id{i}: ID!"));
        var document = $"query ProductsByIds{ids.Count}({parameters}) {{{fields} }}" + ShopifyGraphQLDocuments.ProductFields;
        var variables = new JsonObject();
        for (var i = 0; i < ids.Count; i++)
        {
            variables[$"id{i}"] = ShopifyGid.For("Product", ids[i]);
        }
        var data = await ExecuteAsync($"ProductsByIds{ids.Count}", document, variables, ids.Count * ShopifyGraphQLDocuments.ProductCost,
            safeToRepeat: true, cancellationToken).ConfigureAwait(false);
        var products = new List<StoreProduct>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (data.GetProperty($"p{i}") is { ValueKind: JsonValueKind.Object } product)
            {
                products.Add(await CompleteAsync(product.Deserialize<GqlProduct>(ShopifyGraphQLJson.Options)!, cancellationToken).ConfigureAwait(false));
            }
        }
        return products;
    }

    /// <summary>The product with all its variants: pages after the first are read when it has more.</summary>
    private async Task<StoreProduct> CompleteAsync(GqlProduct product, CancellationToken cancellationToken)
    {
        if (product.Variants?.PageInfo is not { HasNextPage: true, EndCursor: { } cursor })
        {
            return ShopifyGraphQLMapper.ToStoreProduct(product);
        }
        var variants = new List<GqlVariant>(product.Variants.Nodes);
        string? after = cursor;
        while (after is not null)
        {
            var data = await ExecuteAsync("ProductVariantsPage", ShopifyGraphQLDocuments.ProductVariantsPage,
                new JsonObject { ["id"] = product.Id, ["after"] = after }, ShopifyGraphQLDocuments.ProductVariantsPageCost,
                safeToRepeat: true, cancellationToken).ConfigureAwait(false);
            var page = data.GetProperty("product").GetProperty("variants").Deserialize<GqlConnection<GqlVariant>>(ShopifyGraphQLJson.Options)!;
            variants.AddRange(page.Nodes);
            after = page.PageInfo is { HasNextPage: true, EndCursor: { } next } ? next : null;
        }
        return ShopifyGraphQLMapper.ToStoreProduct(product, variants);
    }

    private static StoreMetafield ToStoreMetafield(GqlMetafield metafield) =>
        new(metafield.Namespace, metafield.Key, metafield.Value, metafield.Type) { Id = ShopifyGid.Id(metafield.Id) };

    private sealed record ProductPayload(GqlProduct? Product);

    private sealed record VariantsPayload(IReadOnlyList<GqlVariant> ProductVariants);

    private sealed record MetafieldsPayload(IReadOnlyList<GqlMetafield> Metafields);
}
