using System.Text.RegularExpressions;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Rules;

/// <summary>
/// The core's feature folders depend on one another in one direction only (the layering the team
/// chose): a folder may use the folders before it in <see cref="Layers"/>, never those after it, so
/// there are no cycles. Persistence, Activity and Hosting serve every layer and are left out.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] Layers =
        ["Stores", "Shopify", "Users", "Connections", "Catalogue", "Linking", "Reconciliation", "Syncing", "Mapping", "Jobs", "Webhooks", "Products", "Export"];

    private static readonly string[] Infrastructure = ["Persistence", "Activity", "Hosting"];

    [Fact]
    public void EveryFeatureFolderUsesOnlyTheLayersBeforeIt()
    {
        var core = Path.Combine(SharedFixtures.RepositoryRoot, "SyncDashboard.Core");
        var folders = Directory.GetDirectories(core).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Select(f => f!).ToList();
        Assert.Empty(folders.Except(Layers).Except(Infrastructure)); // a new folder takes its place in the layering
        var reference = new Regex($@"SyncDashboard\.Core\.({string.Join('|', folders)})\b|(?<![\w.])({string.Join('|', folders)})\.[A-Z]");

        var violations = new List<string>();
        foreach (var folder in Layers)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
            {
                var code = Comment().Replace(File.ReadAllText(file), "");
                foreach (Match match in reference.Matches(code))
                {
                    var used = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
                    if (Array.IndexOf(Layers, used) > Array.IndexOf(Layers, folder))
                    {
                        violations.Add($"{folder}/{Path.GetRelativePath(Path.Combine(core, folder), file)} uses {used}");
                    }
                }
            }
        }

        Assert.Empty(violations.Distinct());
    }

    /// <summary>
    /// The store's vocabulary stays in its adapter: no engine folder names Shopify, only the adapter
    /// and the composition root that registers it (the demo stores, which imitate Shopify, are a
    /// project of their own).
    /// </summary>
    [Fact]
    public void OnlyTheAdapterAndTheDemoStoresSpeakShopify()
    {
        var core = Path.Combine(SharedFixtures.RepositoryRoot, "SyncDashboard.Core");
        var engine = Layers.Except(["Shopify"]).Concat(Infrastructure);
        var violations = engine
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => Shopify().IsMatch(Comment().Replace(File.ReadAllText(file), "")))
            .Select(file => Path.GetRelativePath(core, file));

        Assert.Empty(violations);
    }

    /// <summary>
    /// The demo stores are a project of their own that the web app opts into: the core neither
    /// references that project nor names its namespace, so a real deployment carries none of it.
    /// </summary>
    [Fact]
    public void TheCoreKnowsNothingOfTheDemoStores()
    {
        var core = Path.Combine(SharedFixtures.RepositoryRoot, "SyncDashboard.Core");
        Assert.DoesNotMatch(@"ProjectReference[^>]*DemoStores", File.ReadAllText(Path.Combine(core, "SyncDashboard.Core.csproj")));
        var violations = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(file => Comment().Replace(File.ReadAllText(file), "").Contains("SyncDashboard.DemoStores"))
            .Select(file => Path.GetRelativePath(core, file));
        Assert.Empty(violations);
        Assert.True(File.Exists(Path.Combine(SharedFixtures.RepositoryRoot, "demo", "SyncDashboard.DemoStores", "SyncDashboard.DemoStores.csproj")));
    }

    [GeneratedRegex(@"SyncDashboard\.Core\.Shopify\b|\bShopify[A-Z]\w*\b")]
    private static partial Regex Shopify();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
