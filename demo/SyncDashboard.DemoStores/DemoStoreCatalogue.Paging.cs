using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

// Product reads: cursor pages in id order, counts and single products, as GET products.json answers them.
internal sealed partial class DemoStoreCatalogue
{
    // ---------------------------------------------------------------- products: reads

    public ProductPage ListProducts(ProductQuery query, PageCursor? cursor, int limit)
    {
        lock (_gate)
        {
            var (page, hasPrevious, hasNext) = Page(query, cursor, limit);
            return new ProductPage(page.Select(ToJson).ToList(), hasPrevious, hasNext);
        }
    }

    /// <summary>
    /// The same pages as <see cref="ListProducts"/>, as copies of the products (the GraphQL
    /// connection reads them): <paramref name="cursor"/> <c>Next</c> starts after its id,
    /// <c>Previous</c> ends before it (<see cref="long.MaxValue"/> for the last page).
    /// </summary>
    public (IReadOnlyList<ShopifyProduct> Products, bool HasPrevious, bool HasNext) ListProductCopies(ProductQuery query, PageCursor? cursor, int limit)
    {
        lock (_gate)
        {
            var (page, hasPrevious, hasNext) = Page(query, cursor, limit);
            return (page.Select(Clone).ToList(), hasPrevious, hasNext);
        }
    }

    /// <summary>A copy of one product; <see cref="DemoStoreNotFoundException"/> when there is none.</summary>
    public ShopifyProduct GetProductCopy(long id)
    {
        lock (_gate)
        {
            return Clone(FindProduct(id));
        }
    }

    /// <summary>The product and variant of an inventory item; null when the store has no such item.</summary>
    public (ShopifyProduct Product, ShopifyVariant Variant)? FindInventoryItem(long itemId)
    {
        lock (_gate)
        {
            if (!_inventoryItems.TryGetValue(itemId, out var owner))
            {
                return null;
            }
            var product = Clone(_products[owner.ProductId]);
            return (product, product.Variants!.First(v => v.Id == owner.VariantId));
        }
    }

    private (List<ShopifyProduct> Page, bool HasPrevious, bool HasNext) Page(ProductQuery query, PageCursor? cursor, int limit)
    {
        {
            var page = new List<ShopifyProduct>(limit);
            bool more;
            if (cursor is { Direction: CursorDirection.Previous })
            {
                var index = LowerBound(cursor.Id) - 1;
                for (; index >= 0 && page.Count < limit; index--)
                {
                    var product = _products[_productIds[index]];
                    if (query.Matches(product))
                    {
                        page.Add(product);
                    }
                }
                more = AnyMatch(query, index, step: -1);
                page.Reverse();
                var hasNext = page.Count > 0 && AnyMatch(query, LowerBound(page[^1].Id!.Value) + 1, step: 1);
                return (page, more, hasNext);
            }

            var start = cursor is null
                ? (query.SinceId is { } sinceId ? LowerBound(sinceId + 1) : 0)
                : LowerBound(cursor.Id + 1);
            var i = start;
            for (; i < _productIds.Count && page.Count < limit; i++)
            {
                var product = _products[_productIds[i]];
                if (query.Matches(product))
                {
                    page.Add(product);
                }
            }
            more = AnyMatch(query, i, step: 1);
            var hasPrevious = cursor is not null && page.Count > 0 && AnyMatch(query, LowerBound(page[0].Id!.Value) - 1, step: -1);
            return (page, hasPrevious, more);
        }
    }

    public long CountProducts(ProductQuery query)
    {
        lock (_gate)
        {
            return _products.Values.LongCount(query.Matches);
        }
    }

    public JsonObject GetProduct(long id)
    {
        lock (_gate)
        {
            return ToJson(FindProduct(id));
        }
    }

    private int LowerBound(long id)
    {
        var index = _productIds.BinarySearch(id);
        return index >= 0 ? index : ~index;
    }

    private bool AnyMatch(ProductQuery query, int from, int step)
    {
        for (var i = from; i >= 0 && i < _productIds.Count; i += step)
        {
            if (query.Matches(_products[_productIds[i]]))
            {
                return true;
            }
        }
        return false;
    }
}
