using System.Net;
using Polly;
using Polly.Timeout;
using SyncDashboard.Core.Shopify;

namespace SyncDashboard.Tests.Shopify;

/// <summary>Reading Shopify's headers and error bodies, and which outcomes are retried or break the circuit.</summary>
public sealed class ShopifyProtocolTests
{
    private const string Next = "https://shop.myshopify.com/admin/api/2025-07/products.json?limit=250&page_info=eyJuZXh0IjoxfQ";
    private const string Previous = "https://shop.myshopify.com/admin/api/2025-07/products.json?limit=250&page_info=cHJldg";

    [Theory]
    [InlineData($"<{Next}>; rel=\"next\"")]
    [InlineData($"<{Previous}>; rel=\"previous\", <{Next}>; rel=\"next\"")]
    [InlineData($"<{Next}>; rel=\"next\", <{Previous}>; rel=\"previous\"")]
    [InlineData($"  <{Next}> ;rel=next ,<{Previous}>;rel=previous")]
    [InlineData($"<{Previous}>; title=\"a, b; c\"; rel=\"previous\", <{Next}>; rel=\"next last\"")]
    public void LinkHeaderGivesTheNextCursor(string header)
    {
        Assert.Equal("eyJuZXh0IjoxfQ", ShopifyLinkHeader.PageInfo(header, "next"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData($"<{Previous}>; rel=\"previous\"")]
    [InlineData("garbage")]
    [InlineData("<https://x/products.json?limit=5>; rel=\"next\"")]
    public void LinkHeaderWithoutANextCursorGivesNull(string? header)
    {
        Assert.Null(ShopifyLinkHeader.PageInfo(header, "next"));
    }

    [Fact]
    public void LinkHeaderReadsPreviousAndUnescapesTheCursor()
    {
        var header = $"<{Previous}>; rel=\"previous\", <https://x/a.json?page_info=a%2Bb%3D&limit=2>; rel=\"next\"";

        Assert.Equal("cHJldg", ShopifyLinkHeader.PageInfo(header, "previous"));
        Assert.Equal("a+b=", ShopifyLinkHeader.PageInfo(header, "next"));
    }

    [Fact]
    public void NextPageInfoIsReadFromTheResponseHeaders()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("Link", $"<{Previous}>; rel=\"previous\", <{Next}>; rel=\"next\"");

        Assert.Equal("eyJuZXh0IjoxfQ", ShopifyLinkHeader.NextPageInfo(response));
        using var last = new HttpResponseMessage(HttpStatusCode.OK);
        Assert.Null(ShopifyLinkHeader.NextPageInfo(last));
    }

    [Theory]
    [InlineData("2.0", 2000)]
    [InlineData("2", 2000)]
    [InlineData("0.5", 500)]
    [InlineData(" 1.25 ", 1250)]
    [InlineData("Thu, 01 Jan 2026 00:00:03 GMT", 3000)]
    public void RetryAfterReadsFractionalSecondsAndDates(string value, int milliseconds)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ShopifyResilience.ParseRetryAfter(value, now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1")]
    public void RetryAfterThatIsNotADelayGivesNull(string? value)
    {
        Assert.Null(ShopifyResilience.ParseRetryAfter(value, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void RetryAfterOfAResponseIsReadFromTheRawHeaderThatDotNetRefuses()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "2.0");

        Assert.Null(response.Headers.RetryAfter); // what .NET makes of Shopify's "2.0"
        Assert.Equal(TimeSpan.FromSeconds(2), ShopifyResilience.RetryAfter(response));
    }

    [Theory]
    [InlineData("40/40", 40, 40)]
    [InlineData("1/80", 1, 80)]
    [InlineData(" 12 / 40 ", 12, 40)]
    public void CallLimitHeaderIsRead(string value, int used, int size)
    {
        Assert.Equal((used, size), ShopifyPacingHandler.ParseCallLimit(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("40")]
    [InlineData("a/b")]
    [InlineData("3/0")]
    public void MalformedCallLimitHeaderIsIgnored(string? value)
    {
        Assert.Null(ShopifyPacingHandler.ParseCallLimit(value));
    }

    public static TheoryData<string, string, int, bool> RetryCases => new()
    {
        // method, path, status, retried
        { "GET", "products.json", 429, true },
        { "GET", "products.json", 500, true },
        { "GET", "products.json", 503, true },
        { "GET", "products.json", 408, true },
        { "GET", "products/1.json", 404, false },
        { "GET", "products.json", 401, false },
        { "PUT", "products/1.json", 502, true },
        { "DELETE", "products/1.json", 500, true },
        { "POST", "products.json", 429, true },
        { "POST", "products.json", 500, false },
        { "POST", "products.json", 408, false },
        { "POST", "webhooks.json", 503, false },
        { "POST", "inventory_levels/adjust.json", 500, false },
        { "POST", "inventory_levels/set.json", 500, true },
        { "POST", "products.json", 422, false },
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public void OnlyRequestsThatAreSafeToRepeatAreRetriedAfterAServerError(string method, string path, int status, bool retried)
    {
        using var request = Request(method, path, sent: true);
        using var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };

        Assert.Equal(retried, ShopifyResilience.ShouldRetry(Outcome.FromResult(response), request));
    }

    [Fact]
    public void TimeoutsAndNetworkErrorsOfACreateAreRetriedOnlyIfItNeverReachedTheStore()
    {
        using var sentCreate = Request("POST", "products.json", sent: true);
        using var queuedCreate = Request("POST", "products.json", sent: false);
        using var read = Request("GET", "products.json", sent: true);

        Assert.False(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), sentCreate));
        Assert.True(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), queuedCreate));
        Assert.True(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), read));
        Assert.False(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), sentCreate));
        Assert.True(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused")), sentCreate));
        Assert.True(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), read));
        Assert.False(ShopifyResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()), read));
    }

    [Fact]
    public void TheCircuitCountsServerFailuresButNeverThrottling()
    {
        using var request = Request("GET", "products.json", sent: true);
        using var queued = Request("GET", "products.json", sent: false);
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var failed = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        using var refused = new HttpResponseMessage(HttpStatusCode.UnprocessableEntity);

        Assert.False(ShopifyResilience.IsStoreFailure(Outcome.FromResult(throttled), request));
        Assert.False(ShopifyResilience.IsStoreFailure(Outcome.FromResult(refused), request));
        Assert.True(ShopifyResilience.IsStoreFailure(Outcome.FromResult(failed), request));
        Assert.True(ShopifyResilience.IsStoreFailure(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), request));
        Assert.False(ShopifyResilience.IsStoreFailure(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), queued));
    }

    [Fact]
    public void ErrorBodyWithAMessageGoesUnderBase()
    {
        var errors = ShopifyErrors.Parse("""{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""");

        Assert.Equal(["[API] Invalid API key or access token (unrecognized login or wrong password)"], errors["base"]);
        Assert.Equal("[API] Invalid API key or access token (unrecognized login or wrong password)", ShopifyErrors.Describe(errors, null));
    }

    [Fact]
    public void ErrorBodyWithFieldsKeepsEveryField()
    {
        var errors = ShopifyErrors.Parse("""{"errors":{"title":["can't be blank","is too short"],"handle":"is taken","base":["Variant 'S' already exists."]}}""");

        Assert.Equal(["can't be blank", "is too short"], errors["title"]);
        Assert.Equal(["is taken"], errors["handle"]);
        Assert.Equal(["Variant 'S' already exists."], errors["base"]);
        Assert.Equal("title: can't be blank, is too short; handle: is taken; Variant 'S' already exists.", ShopifyErrors.Describe(errors, null));
    }

    [Theory]
    [InlineData("""{"errors":["first","second"]}""", "first; second")]
    [InlineData("""{"error":"Not acceptable"}""", "Not acceptable")]
    [InlineData("<html>Bad gateway</html>", "<html>Bad gateway</html>")]
    [InlineData("", "(no body)")]
    [InlineData("""{"product":{}}""", """{"product":{}}""")]
    public void OtherErrorBodiesAreDescribed(string body, string description)
    {
        Assert.Equal(description, ShopifyErrors.Describe(ShopifyErrors.Parse(body), body));
    }

    private static HttpRequestMessage Request(string method, string path, bool sent)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"https://shop.myshopify.com/admin/api/2025-07/{path}");
        request.Options.Set(ShopifyPacingHandler.SentToStore, sent);
        return request;
    }

    [Fact]
    public void ApiBaseAddressKeepsThePathOfTheStoreUrl()
    {
        Assert.Equal("https://shop.myshopify.com/admin/api/2025-07/",
            SyncDashboard.Core.Shopify.ShopifyStoreClient.ApiBaseAddress(new Uri("https://shop.myshopify.com"), "2025-07").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5101/admin/api/2025-07/",
            SyncDashboard.Core.Shopify.ShopifyStoreClient.ApiBaseAddress(new Uri("http://127.0.0.1:5101/"), "2025-07").AbsoluteUri);
        Assert.Equal("https://proxy.example.com/shop/admin/api/unstable/",
            SyncDashboard.Core.Shopify.ShopifyStoreClient.ApiBaseAddress(new Uri("https://proxy.example.com/shop"), "unstable").AbsoluteUri);
    }
}
