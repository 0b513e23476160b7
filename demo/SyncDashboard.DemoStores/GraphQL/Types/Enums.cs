using GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL.Types;

/// <summary><c>ProductStatus</c>: ACTIVE, ARCHIVED, DRAFT; the REST status in lower case.</summary>
internal sealed class ProductStatusEnum : EnumerationGraphType
{
    public ProductStatusEnum()
    {
        Name = "ProductStatus";
        Add("ACTIVE", "active", "The product is ready to sell and can be published to sales channels.");
        Add("ARCHIVED", "archived", "The product is no longer being sold and isn't available to customers.");
        Add("DRAFT", "draft", "The product isn't ready to sell and is unavailable to customers.");
    }
}

/// <summary><c>ProductVariantInventoryPolicy</c>: DENY or CONTINUE selling when out of stock.</summary>
internal sealed class ProductVariantInventoryPolicyEnum : EnumerationGraphType
{
    public ProductVariantInventoryPolicyEnum()
    {
        Name = "ProductVariantInventoryPolicy";
        Add("DENY", "deny", "Customers can't buy this product variant after it's out of stock.");
        Add("CONTINUE", "continue", "Customers can buy this product variant after it's out of stock.");
    }
}

/// <summary><c>CountPrecision</c>: whether a count is exact or a lower bound.</summary>
internal sealed class CountPrecisionEnum : EnumerationGraphType
{
    public CountPrecisionEnum()
    {
        Name = "CountPrecision";
        Add("EXACT", "EXACT", "The count is exactly the value.");
        Add("AT_LEAST", "AT_LEAST", "The count is at least the value. A limit was reached.");
    }
}

/// <summary><c>WebhookSubscriptionFormat</c>: JSON (the demo stores send JSON only).</summary>
internal sealed class WebhookSubscriptionFormatEnum : EnumerationGraphType
{
    public WebhookSubscriptionFormatEnum()
    {
        Name = "WebhookSubscriptionFormat";
        Add("JSON", "json");
        Add("XML", "xml");
    }
}

/// <summary>
/// <c>WebhookSubscriptionTopic</c>: the REST topic in upper case with <c>_</c> for <c>/</c>
/// (<c>products/update</c> is <c>PRODUCTS_UPDATE</c>), for the topics the demo stores raise.
/// </summary>
internal sealed class WebhookSubscriptionTopicEnum : EnumerationGraphType
{
    public WebhookSubscriptionTopicEnum()
    {
        Name = "WebhookSubscriptionTopic";
        foreach (var topic in DemoWebhookTopics.Supported.Order(StringComparer.Ordinal))
        {
            Add(ToEnum(topic), topic);
        }
    }

    public static string ToEnum(string topic) => topic.Replace('/', '_').ToUpperInvariant();
}
