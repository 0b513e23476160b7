using System.Diagnostics;
using System.Text;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>
/// Widely used Shopify clients written by others (Node.js packages pinned in
/// <c>ThirdPartyClients/package-lock.json</c>), installed with <c>npm ci</c> once per test run.
/// Node.js and npm come from Debian when the machine lacks them; a missing client fails the
/// tests rather than skipping them.
/// </summary>
public sealed class NodeClients : IAsyncLifetime
{
    private const string Purpose = "setting up the third-party Shopify clients";

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "ThirdPartyClients");

    public async Task InitializeAsync()
    {
        if (!await SucceedsAsync("node", "--version") || !await SucceedsAsync("npm", "--version"))
        {
            await SetupCommands.InstallDebianPackagesAsync("nodejs npm", Purpose);
        }
        await SetupCommands.RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", Purpose, Folder);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a client script to its end; its standard output.</summary>
    public static async Task<string> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var process = StartScript(script, environment);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within {timeout.TotalSeconds:0} s.");
        }
        Assert.True(process.ExitCode == 0, $"{script} exited with {process.ExitCode}: {await error}{await output}");
        return await output;
    }

    /// <summary>Starts a long-running client script (the caller reads its output and kills it).</summary>
    public static Process StartScript(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {script}.");
    }

    private static async Task<bool> SucceedsAsync(string command, string arguments)
    {
        try
        {
            await SetupCommands.RunAsync(command, arguments, Purpose);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>
/// The test classes that run the Node.js clients share one <see cref="NodeClients"/> (one
/// <c>npm ci</c> in the output folder, never two at once) and run one class at a time, so that
/// their bursts against the rate limits are not timed on a machine busy with another class's.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeClientsCollection : ICollectionFixture<NodeClients>
{
    public const string Name = "Third-party Node.js clients";
}
