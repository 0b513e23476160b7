using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP service that is not a store (an internal service a connection test must not reveal):
/// it answers every request with <see cref="Status"/>, <see cref="ContentType"/> and <see cref="Body"/>,
/// after <see cref="Delay"/>, and counts the requests it gets.
/// </summary>
public sealed class AnsweringServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private long _requests;

    /// <summary>The server's origin, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Status { get; set; } = StatusCodes.Status200OK;
    public string ContentType { get; set; } = "text/html";
    public string Body { get; set; } = "";
    public TimeSpan Delay { get; set; }

    /// <summary>Requests received so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<AnsweringServer> StartAsync(int status, string body, string contentType = "text/html")
    {
        var server = new AnsweringServer { Status = status, Body = body, ContentType = contentType };
        (server._app, server.BaseUrl) = await LoopbackApp.StartAsync(async context =>
        {
            Interlocked.Increment(ref server._requests);
            if (server.Delay > TimeSpan.Zero)
            {
                await Task.Delay(server.Delay, context.RequestAborted);
            }
            context.Response.StatusCode = server.Status;
            context.Response.ContentType = server.ContentType;
            await context.Response.WriteAsync(server.Body, context.RequestAborted);
        });
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
