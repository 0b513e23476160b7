namespace SyncDashboard.Tests.Export;

/// <summary>
/// Tests that measure the process's managed memory: xunit runs this collection alone, after the others, so no other test's
/// allocations are counted against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemoryCollection
{
    public const string Name = "Measures memory";
}
