using System.Reflection;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>The repository and the shared fixtures folder beside it (shared/fixtures).</summary>
public static class SharedFixtures
{
    /// <summary>The repository's root folder, as the test project was built from it.</summary>
    public static string RepositoryRoot { get; } = typeof(SharedFixtures).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string ProductCsvs => Find(Path.Combine("shared", "fixtures", "shopify-product-csvs"));

    private static string Find(string relative)
    {
        for (var directory = new DirectoryInfo(RepositoryRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"The shared fixtures ({relative}) were not found in any folder above {RepositoryRoot}; they lie beside the repository.");
    }
}
