using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Phone.Web.Tests.Provisioning;

/// <summary>
/// A real provisioning server on loopback (Kestrel, free ports): per-device files with ETag
/// and Last-Modified (answering 304), Basic auth under <c>/secure</c>, an endpoint that never
/// answers, a 5 MiB file sent without Content-Length, and one that fails once with 500.
/// A missing file is a 404. Counts the requests per path. HTTPS with the given certificate.
/// </summary>
public sealed class ProvisioningServer : IAsyncDisposable
{
    public const string User = "fleet";
    public const string Password = "fleet-pw";

    private static readonly DateTimeOffset Modified = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _failedOnce = new(StringComparer.Ordinal);

    private ProvisioningServer(WebApplication app) => _app = app;

    /// <summary>The files by device id (e.g. "desk1" serves /cfg/desk1.cfg).</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public Uri Http { get; private set; } = null!;

    public Uri? Https { get; private set; }

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public static async Task<ProvisioningServer> StartAsync(X509Certificate2? httpsCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (httpsCertificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(httpsCertificate));
            }
        });
        var app = builder.Build();
        var server = new ProvisioningServer(app);
        server.Map();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        server.Http = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        server.Https = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal)) is { } https
            ? new UriBuilder(https) { Host = "localhost" }.Uri
            : null;
        return server;
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            await next(context);
        });
        _app.MapGet("/cfg/{name}", (string name, HttpContext context) => Serve(name, context));
        _app.MapGet("/secure/{name}", (string name, HttpContext context) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
            return context.Request.Headers.Authorization == expected ? Serve(name, context) : Results.Unauthorized();
        });
        _app.MapGet("/stall/{name}", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Results.Ok();
        });
        _app.MapGet("/big/{name}", async (HttpContext context) =>
        {
            // No Content-Length: the phone must count while it reads.
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'#');
            for (var i = 0; i < 5 * 16 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        _app.MapGet("/flaky/{name}", (string name, HttpContext context) =>
            _failedOnce.TryAdd(name, true) ? Results.StatusCode(500) : Serve(name, context));
    }

    private IResult Serve(string name, HttpContext context)
    {
        if (!name.EndsWith(".cfg", StringComparison.Ordinal) || !Files.TryGetValue(name[..^4], out var text))
        {
            return Results.NotFound();
        }
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16] + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = Modified.ToString("R");
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(304);
        }
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
