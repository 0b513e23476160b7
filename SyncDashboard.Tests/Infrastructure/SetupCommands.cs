using System.Diagnostics;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// The set-up the test command does itself on a fresh machine: installing Debian packages and
/// running tools, failing with the command's own output when it does not work.
/// </summary>
public static class SetupCommands
{
    /// <summary>Installs Debian packages (apt-get, non-interactive).</summary>
    public static async Task InstallDebianPackagesAsync(string packages, string purpose)
    {
        await RunAsync("apt-get", "update -qq", purpose);
        await RunAsync("apt-get", $"install -y -qq {packages}", purpose);
    }

    /// <summary>Runs a command to its end; throws with its output when it fails.</summary>
    public static async Task RunAsync(string command, string arguments, string purpose, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {arguments}' failed ({process.ExitCode}) while {purpose}: {await error}{await output}");
        }
    }
}
