using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP service that is not a store (an internal service a connection test must not reveal):
/// it answers every request with <see cref="Status"/>, <see cref="ContentType"/> and <see cref="Body"/>,
/// after <see cref="Delay"/>, and counts the requests it gets.
/// </summary>
public sealed class AnsweringServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private AnsweringServer(WebApplication app) => _app = app;

    /// <summary>The server's origin, <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Status { get; set; } = StatusCodes.Status200OK;
    public string ContentType { get; set; } = "text/html";
    public string Body { get; set; } = "";
    public TimeSpan Delay { get; set; }

    /// <summary>Requests received so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<AnsweringServer> StartAsync(int status, string body, string contentType = "text/html")
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new AnsweringServer(app) { Status = status, Body = body, ContentType = contentType };
        app.Run(async context =>
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
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
