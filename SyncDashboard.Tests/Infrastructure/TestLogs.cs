using System.Collections.Concurrent;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// Records every log line the app writes (after its configured filters, as a console would get them): category,
/// level and message, for tests of what the server log says.
/// </summary>
public sealed class TestLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Lines.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
