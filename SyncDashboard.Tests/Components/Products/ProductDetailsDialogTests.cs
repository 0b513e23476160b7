using Bunit;
using MudBlazor;
using SyncDashboard.Components.Pages.Products;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Products;
using SyncDashboard.Tests.Components.Fakes;

namespace SyncDashboard.Tests.Components.Products;

public sealed class ProductDetailsDialogTests : DashboardTestContext
{
    internal static ProductDetails Details(long id, string title, string? description = "<p>Soft <b>linen</b>.</p>",
        IReadOnlyList<MirroredImage>? images = null, IReadOnlyList<MirroredVariant>? variants = null,
        SkuProblem problem = SkuProblem.None, string? problemReason = null, LinkedProduct? link = null) =>
        new(id, 9000 + id, "Urban Threads", title, "Acme", "Shirts", "active",
            ["summer", "linen", "syncdashboard-source-2-9001"], description,
            images ?? [new MirroredImage("http://127.0.0.1:5102/cdn/1.svg", "Front")],
            variants ?? [TestCatalogue.Variant(11, "S", "LS-S", 4), TestCatalogue.Variant(12, "M", "LS-M", 7)],
            link is null ? SyncState.NotSynced : SyncState.Synced, problem, problemReason, link);

    private IRenderedComponent<MudDialogProvider> Open(long productId)
    {
        var host = RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        host.InvokeAsync(() => dialogs.ShowAsync<ProductDetailsDialog>("Details",
            new DialogParameters<ProductDetailsDialog> { { d => d.ProductId, productId } }));
        host.WaitForElement("[data-testid=variants-table]");
        return host;
    }

    [Fact]
    public void DetailsShowTheProductsFieldsTagsImagesAndVariants()
    {
        Products.Details[1] = Details(1, "Linen Shirt");

        var host = Open(1);

        var text = host.Find(".mud-dialog").TextContent;
        Assert.Contains("Urban Threads · Acme · Shirts · active", host.Find("[data-testid=details-facts]").TextContent);
        Assert.Contains("Acme", text);
        Assert.Contains("Shirts", text);
        var tags = host.FindAll(".mud-dialog .mud-chip").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["summer", "linen"], tags);
        Assert.Equal("Front", host.Find(".mud-dialog img.product-thumb").GetAttribute("alt"));
        var rows = host.FindAll("[data-testid=variants-table] tbody tr");
        Assert.Equal(2, rows.Count);
        var cells = rows[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["M", "M", "LS-M", "BC12", "19.50", "25.00", "7"], cells);
        Assert.Empty(host.FindAll("[data-testid=link-info]"));
    }

    [Fact]
    public void DescriptionIsSanitised()
    {
        Products.Details[1] = Details(1, "Linen Shirt",
            description: "<p onclick=\"steal()\">Soft <b>linen</b></p><script>alert('x')</script><img src=x onerror=\"steal()\">");

        var host = Open(1);

        var description = host.Find(".product-description").InnerHtml;
        Assert.Contains("<b>linen</b>", description);
        Assert.DoesNotContain("<script", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SkuProblemsAreExplainedAndTheirVariantsHighlighted()
    {
        Products.Details[1] = Details(1, "Linen Shirt",
            variants: [TestCatalogue.Variant(11, "S", "LS", 4, SkuProblem.DuplicateSku), TestCatalogue.Variant(12, "M", null, 7, SkuProblem.MissingSku), TestCatalogue.Variant(13, "L", "LS-L")],
            problem: SkuProblem.DuplicateSku, problemReason: "SKU LS is used by 2 variants.");

        var host = Open(1);

        Assert.Contains("SKU LS is used by 2 variants.", host.Find("[data-testid=sku-problem]").TextContent);
        var flagged = host.FindAll("[data-testid=variant-sku-problem]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["LS ⚠", "(no SKU) ⚠"], flagged);
    }

    [Fact]
    public void LinkedProductShowsItsStateTimesTheDestinationLinkAndBothSidesSideBySide()
    {
        var verified = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        var changed = new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero);
        Products.Details[1] = Details(1, "Linen Shirt", link: new LinkedProduct("Northwind Outlet", 7001, 55, "Linen Shirt", LinkKind.Synced,
            LinkState.Repairing, "Repair failed: throttled.", verified, changed, new Uri("http://127.0.0.1:5101/admin/products/7001"),
            [
                new VariantPairView("LS-S", "S", 4, 19.90m, 25m, true, "S", 4, 22.99m, null),
                new VariantPairView("LS-M", "M", 7, 19.90m, null, true, "M", 9, 22.99m, null),
                new VariantPairView("LS-L", "L", null, 21m, null, false, "L", null, 23m, null),
            ]));

        var host = Open(1);

        var link = System.Text.RegularExpressions.Regex.Replace(host.Find("[data-testid=link-info]").TextContent, @"\s+", " ");
        Assert.Contains("Synced with \"Linen Shirt\" in Northwind Outlet (product 7001)", link);
        Assert.Equal("Repairing", host.Find("[data-testid=link-state]").TextContent);
        Assert.Contains("(Repair failed: throttled).", link);
        Assert.Contains($"Last verified {verified.ToLocalTime():g}", link);
        Assert.Contains($"last changed {changed.ToLocalTime():g}", link);
        Assert.Equal("http://127.0.0.1:5101/admin/products/7001", host.Find("[data-testid=destination-link]").GetAttribute("href"));
        var rows = host.FindAll("[data-testid=pair-row]");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["LS-S", "4", "4", "19.90 (was 25.00)", "22.99"], rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal(["LS-M", "7", "9", "19.90", "22.99"], rows[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal(["LS-L", "not tracked", "not tracked", "21.00", "23.00"], rows[2].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        // A quantity that differs is marked.
        Assert.DoesNotContain("warning", rows[0].ClassName ?? "");
        Assert.Contains("warning", rows[1].ClassName);
    }

    private static LinkedProduct Linked(params VariantPairView[] pairs) => new("Northwind Outlet", 7001, 55, "Linen Shirt", LinkKind.Mapped,
        LinkState.InStep, null, null, null, new Uri("http://127.0.0.1:5101/admin/products/7001"), pairs);

    [Fact]
    public void OpeningALinkedProductReadsBothStoresAndShowsWhatTheyHoldNow()
    {
        Products.Details[1] = Details(1, "Linen Shirt", link: Linked(new VariantPairView("LS-S", "S", 143, 19.90m, null, true, "S", 143, 19.90m, null)));
        LinkCheck.Gate = new TaskCompletionSource();
        LinkCheck.After[1] = Details(1, "Linen Shirt", link: Linked(new VariantPairView("LS-S", "S", 143, 19.90m, null, true, "S", 555, 19.90m, null)));

        var host = Open(1);

        // What is known shows at once, while both stores are read.
        host.WaitForAssertion(() => Assert.Equal("Checking both stores now…", host.Find("[data-testid=check-status]").TextContent.Trim()));
        Assert.Equal(["LS-S", "143", "143", "19.90", "19.90"], host.Find("[data-testid=pair-row]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        LinkCheck.Gate.SetResult();

        host.WaitForAssertion(() => Assert.StartsWith("Read from both stores at", host.Find("[data-testid=check-status]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(["LS-S", "143", "555", "19.90", "19.90"], host.Find("[data-testid=pair-row]").QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Equal([1L], LinkCheck.Checked);
    }

    [Fact]
    public void AnUnlinkedProductIsNotChecked()
    {
        Products.Details[1] = Details(1, "Linen Shirt");

        Open(1);

        Assert.Empty(LinkCheck.Checked);
    }

    [Fact]
    public void ADraftSourceProductAndARemovedSourceVariantAreExplained()
    {
        Products.Details[1] = Details(1, "Linen Shirt", link: Linked(
            new VariantPairView("LS-S", "S", 0, 19.90m, null, true, "S", 0, 19.90m, null),
            new VariantPairView("LS-XL", null, 0, null, null, true, "XL", 0, 21m, null))) with { Status = "draft" };

        var host = Open(1);

        host.WaitForAssertion(() => Assert.Contains("The Source product is draft: its Destination stock is held at 0 until it is active again",
            host.Find("[data-testid=source-unavailable]").TextContent));
        var removed = host.FindAll("[data-testid=pair-row]")[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["LS-XL", "removed at the Source", "0"], removed.Take(3));
    }

    [Fact]
    public void InStepLinkSaysSoWithoutAReason()
    {
        Products.Details[1] = Details(1, "Linen Shirt", link: new LinkedProduct("Northwind Outlet", 7001, 55, "Linen Shirt", LinkKind.Mapped,
            LinkState.InStep, null, null, null, null, []));

        var host = Open(1);

        var link = System.Text.RegularExpressions.Regex.Replace(host.Find("[data-testid=link-info]").TextContent, @"\s+", " ");
        Assert.Contains("Mapped with \"Linen Shirt\"", link);
        Assert.Equal("In step", host.Find("[data-testid=link-state]").TextContent);
        Assert.Contains("Last verified not yet, last changed never.", link);
        Assert.Empty(host.FindAll("[data-testid=destination-link]"));
        Assert.Empty(host.FindAll("[data-testid=pairs-table]"));
    }

    [Fact]
    public void ProductWithoutImagesShowsAPlaceholder()
    {
        Products.Details[1] = Details(1, "Linen Shirt", images: []);

        var host = Open(1);

        Assert.Empty(host.FindAll(".mud-dialog img"));
        Assert.Equal("Linen Shirt: no image", host.Find(".product-thumb-placeholder").GetAttribute("aria-label"));
    }

    /// <summary>Opens the dialog as the grid does (titled with the product), for a user who may act, and returns its result.</summary>
    private (IRenderedComponent<MudDialogProvider> Host, Task<DialogResult?> Result) OpenAsOperator(long productId, string title)
    {
        var host = RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        Task<DialogResult?>? result = null;
        host.InvokeAsync(async () =>
        {
            var dialog = await dialogs.ShowAsync<ProductDetailsDialog>(title,
                new DialogParameters<ProductDetailsDialog> { { d => d.ProductId, productId }, { d => d.CanOperate, true } });
            result = dialog.Result;
        });
        host.WaitForElement("[data-testid=variants-table]");
        return (host, result!);
    }

    [Fact]
    public void ALinkedProductShowsSourceAndDestinationSideBySideWithTheDestinationLinkAndNoRepeatedTitle()
    {
        Products.Details[1] = Details(1, "Linen Shirt", link: Linked(
            new VariantPairView("LS-S", "S", 4, 19.90m, null, true, "S", 3, 22.99m, null),
            new VariantPairView("LS-M", "M", 7, 21.00m, null, true, "M", 7, 22.99m, null)) with { Title = "Linen Shirt (NW)", Status = "draft" });

        var (host, _) = OpenAsOperator(1, "Linen Shirt");

        var source = host.Find("[data-testid=side-source]");
        var destination = host.Find("[data-testid=side-destination]");
        Assert.Contains("Source · Urban Threads", source.TextContent);
        Assert.Equal(("11", "19.90–21.00", "active"), (source.QuerySelector("[data-testid=side-stock]")!.TextContent, source.QuerySelector("[data-testid=side-price]")!.TextContent,
            source.QuerySelector("[data-testid=side-status]")!.TextContent));
        Assert.Contains("Destination · Northwind Outlet", destination.TextContent);
        Assert.Contains("Linen Shirt (NW)", destination.TextContent);
        Assert.Equal(("10", "22.99", "draft"), (destination.QuerySelector("[data-testid=side-stock]")!.TextContent, destination.QuerySelector("[data-testid=side-price]")!.TextContent,
            destination.QuerySelector("[data-testid=side-status]")!.TextContent));
        Assert.Equal("http://127.0.0.1:5101/admin/products/7001", destination.QuerySelector("[data-testid=destination-link]")!.GetAttribute("href"));
        // The dialog's title names the product; the content does not say it again.
        Assert.Single(host.FindAll(".mud-dialog-title, .mud-dialog-content h6, .mud-dialog-content .mud-typography-h6"), e => e.TextContent.Contains("Linen Shirt", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, false, "details-sync details-map")]
    [InlineData(true, false, "details-resync details-unsynckeep details-unsyncdelete")]
    [InlineData(false, true, "details-map")]
    public async Task TheActionsThatFitAreOfferedAndTheChosenOneIsReturned(bool linked, bool destination, string expected)
    {
        Products.Details[1] = Details(1, "Linen Shirt", link: linked ? Linked(new VariantPairView("LS-S", "S", 4, 19.90m, null, true, "S", 4, 19.90m, null)) : null)
            with { IsDestination = destination };

        var (host, result) = OpenAsOperator(1, "Linen Shirt");

        var buttons = host.FindAll(".mud-dialog-actions [data-testid^=details-]").Select(b => b.GetAttribute("data-testid")).ToList();
        Assert.Equal(expected.Split(' '), buttons);
        await host.InvokeAsync(() => host.Find($"[data-testid={buttons[^1]}]").Click());
        var chosen = Assert.IsType<ProductAction>((await result)!.Data);
        Assert.Equal(buttons[^1], $"details-{chosen.ToString().ToLowerInvariant()}");
    }

    [Fact]
    public void WithoutTheRightToActTheDialogOffersNoAction()
    {
        Products.Details[1] = Details(1, "Linen Shirt");

        var host = Open(1);

        Assert.Empty(host.FindAll(".mud-dialog-actions [data-testid^=details-]"));
    }
}
