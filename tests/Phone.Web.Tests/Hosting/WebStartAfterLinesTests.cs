using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.TestSupport;
using Phone.Web.Hosting;
using Phone.Web.Tests.Api;
using Phone.Web.Tests.Provisioning;

namespace Phone.Web.Tests.Hosting;

/// <summary>
/// The web server starts after the lines' first round (WebStartAfterLines): the first page a
/// restarted phone serves already shows its lines' first answers, and a registrar that never
/// answers holds the pages back for the configured limit only.
/// </summary>
public sealed class WebStartAfterLinesTests : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "featuresync-tests", Guid.NewGuid().ToString("N"));

    private PhoneWebFactory Host(string limitSeconds) =>
        new PhoneWebFactory().WithSetting("FeatureSync:DataDirectory", _data).WithSetting(WebStartAfterLines.LimitKey, limitSeconds);

    private static async Task SaveLineAsync(HttpClient client, int port)
    {
        var saved = await client.PutJsonAsync("/api/lines/1", new
        {
            enabled = true, user = "2001", password = "secret-one", registrar = "127.0.0.1", port, transport = "udp", expires = 600,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    /// <summary>A loopback registrar that answers each REGISTER 200 after <paramref name="delay"/>, or never (null).</summary>
    private static async Task RegistrarAsync(UdpClient socket, TimeSpan? delay, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(stop);
                if (delay is { } wait && SipParser.TryParse(received.Buffer) is { Success: true, Message: SipRequest request } && request.Method == SipMethod.Register)
                {
                    _ = Task.Delay(wait, stop).ContinueWith(
                        _ => socket.SendAsync(SipResponse.Create(request, 200, null, "srv").Buffer, received.RemoteEndPoint, stop),
                        stop, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task After_a_restart_the_first_status_the_web_serves_has_the_lines_first_answer()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var registrar = RegistrarAsync(socket, TimeSpan.FromSeconds(1.5), stop.Token);
        var port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        using (var first = Host("0"))
        {
            using var client = first.CreateAdminClient();
            await SaveLineAsync(client, port);
            await Wait.UntilAsync(async () => (string?)(await client.StatusLineAsync(1))["registration"] == "registered");
        }

        using (var second = Host("30"))
        {
            using var restarted = second.CreateAdminClient();

            // No waiting here: the registrar takes 1.5 s to answer, and the web serves its first
            // request only after that answer (with the limit at 0 this reads "registering").
            Assert.Equal("registered", (string?)(await restarted.StatusLineAsync(1))["registration"]);
        }
        await stop.CancelAsync();
        await registrar;
    }

    [Fact]
    public async Task A_registrar_that_never_answers_holds_the_web_back_for_the_limit_only()
    {
        // Takes the REGISTERs and answers none: the transaction would time out after 32 s.
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var registrar = RegistrarAsync(socket, null, stop.Token);
        var port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        using (var first = Host("0"))
        {
            using var client = first.CreateAdminClient();
            await SaveLineAsync(client, port);
        }

        var clock = Stopwatch.StartNew();
        using (var second = Host("1"))
        {
            using var restarted = second.CreateAdminClient();
            var line = await restarted.StatusLineAsync(1);

            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"the web answered after {clock.Elapsed}, before the 1 s limit");
            Assert.Equal("registering", (string?)line["registration"]);
        }
        await stop.CancelAsync();
        await registrar;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the temp cleaner gets it.
        }
        return ValueTask.CompletedTask;
    }
}
