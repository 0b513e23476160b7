using SyncDashboard.Core.Jobs;

namespace SyncDashboard.Tests.Rules;

/// <summary>A job's failures as the end-of-job messages say them: one per reason, naming the products.</summary>
public sealed class JobFailureGroupTests
{
    private static JobItemResult Failed(int position, string subject, string? message) =>
        new(position, position, position, subject, JobItemStatus.Failed, message, 1, JobItemFailure.Refused);

    [Fact]
    public void SevenFailuresForOneReasonAreOneGroupNamingThreeAndHowManyMore()
    {
        var items = Enumerable.Range(0, 7).Select(i => Failed(i, $"Product {i}", "The variant has no SKU."))
            .Append(new JobItemResult(7, 7, 7, "Fine", JobItemStatus.Succeeded, null, 1, null))
            .Append(Failed(8, "Canvas Tote", "The Destination refused it."));

        var groups = JobFailureGroup.Of(items);

        Assert.Equal(["The variant has no SKU.", "The Destination refused it."], groups.Select(g => g.Reason));
        Assert.Equal("Product 0, Product 1, Product 2 and 4 more: The variant has no SKU.", groups[0].Text);
        Assert.Equal("Canvas Tote: The Destination refused it.", groups[1].Text);
    }

    [Fact]
    public void AReasonThatNamesItsOnlyProductIsNotPrefixedAndAMissingReasonIsSaid()
    {
        var groups = JobFailureGroup.Of([Failed(0, "Linen Shirt", "\"Linen Shirt\" has duplicate SKUs: LS-1."), Failed(1, "Mug", null)]);

        Assert.Equal("\"Linen Shirt\" has duplicate SKUs: LS-1.", groups.Single(g => g.Items[0].Subject == "Linen Shirt").Text);
        Assert.Equal("Mug: Failed.", groups.Single(g => g.Items[0].Subject == "Mug").Text);
    }

    [Fact]
    public void ExactlyThreeAreNamedWithoutMore() =>
        Assert.Equal("A, B, C: Gone.", JobFailureGroup.Of([Failed(0, "A", "Gone."), Failed(1, "B", "Gone."), Failed(2, "C", "Gone.")]).Single().Text);
}
