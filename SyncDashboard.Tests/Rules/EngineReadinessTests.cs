using Microsoft.Extensions.Logging;
using SyncDashboard.Core;

namespace SyncDashboard.Tests.Rules;

/// <summary>How a background service waits for the engine's start-up: it runs once the stores were read, runs anyway (warning) when start-up failed, and not at all when the app stops first.</summary>
public sealed class EngineReadinessTests
{
    [Fact]
    public async Task AServiceStartsOnceTheEngineIsReady()
    {
        var readiness = new EngineReadiness();
        var logger = new TestLogger();

        var waiting = readiness.WaitBeforeStartingAsync(logger, "the reconciliation", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        readiness.Complete();

        Assert.True(await waiting);
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task AFailedStartUpIsLoggedAndTheServiceRunsAnyway()
    {
        var readiness = new EngineReadiness();
        var logger = new TestLogger();
        readiness.Fail(new HttpRequestException("Urban Threads did not answer"));

        Assert.True(await readiness.WaitBeforeStartingAsync(logger, "live inventory", CancellationToken.None));
        Assert.Equal("The sync engine did not start cleanly; live inventory runs anyway", Assert.Single(logger.Warnings));
    }

    [Fact]
    public async Task NothingStartsWhenTheAppStopsFirst()
    {
        var readiness = new EngineReadiness();
        using var stopping = new CancellationTokenSource();

        var waiting = readiness.WaitBeforeStartingAsync(new TestLogger(), "the job runner", stopping.Token);
        stopping.Cancel();
        readiness.Cancel(stopping.Token);

        Assert.False(await waiting);
    }

    private sealed class TestLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
