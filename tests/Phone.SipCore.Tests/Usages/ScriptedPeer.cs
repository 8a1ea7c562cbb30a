using System.Net;
using System.Text;
using System.Threading.Channels;
using DnsClient;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.SipCore.Tests.Usages;

/// <summary>
/// Our SIP stack on one end of an in-memory link, and a scripted server on the other: each
/// request the server receives is recorded and answered by <see cref="Respond"/>. The server
/// can also send requests of its own (NOTIFY) to the phone.
/// </summary>
internal sealed class ScriptedPeer : ISipPacketHandler, IAsyncDisposable
{
    private readonly Channel<SipRequest> _requests = Channel.CreateUnbounded<SipRequest>();

    public ScriptedPeer(FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var (phone, server) = InMemorySipTransport.CreatePair(Time, inline: true);
        PhoneLink = phone;
        ServerLink = server;
        Stack = new SipStack(Time, NullLogger<SipStack>.Instance, boundAddress: IPAddress.Loopback);
        Stack.AddTransport(phone);
        server.Start(this);
        Resolver = new SipTargetResolver(SipTargetResolver.CreateLookupClient([new IPEndPoint(IPAddress.Loopback, 53)]));
    }

    public FakeTimeProvider Time { get; }

    public SipStack Stack { get; }

    public InMemorySipTransport PhoneLink { get; }

    public InMemorySipTransport ServerLink { get; }

    public SipTargetResolver Resolver { get; }

    /// <summary>The server's address as the phone's account should name it.</summary>
    public IPEndPoint ServerEndPoint => ServerLink.LocalEndPoint.EndPoint;

    /// <summary>Answers each request; return null to stay silent (a lost or ignored request).</summary>
    public Func<SipRequest, SipResponse?> Respond { get; set; } = r => SipResponse.Create(r, 200, null, "srv");

    /// <summary>Every response the phone sent to the server's requests.</summary>
    public Channel<SipResponse> Responses { get; } = Channel.CreateUnbounded<SipResponse>();

    public async Task<SipRequest> NextRequestAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        return await _requests.Reader.ReadAsync(timeout.Token);
    }

    public bool TryTakeRequest(out SipRequest request) => _requests.Reader.TryRead(out request!);

    public async Task<SipResponse> NextResponseAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        return await Responses.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Sends a request from the server to the phone.</summary>
    public ValueTask SendToPhoneAsync(string text) =>
        ServerLink.SendAsync(Encoding.UTF8.GetBytes(text), PhoneLink.LocalEndPoint, CancellationToken.None);

    /// <summary>
    /// Moves the fake clock in steps, letting continuations of timers run between them, so
    /// async loops waiting on Task.Delay(TimeProvider) make progress as on a real clock.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(250);
        for (var left = by; left > TimeSpan.Zero; left -= increment)
        {
            Time.Advance(left < increment ? left : increment);
            await Task.Yield();
        }
    }

    public void OnPacket(ReceivedPacket packet)
    {
        var parsed = SipParser.TryParse(packet.Data);
        Assert.True(parsed.Success, $"the phone sent an unparsable message: {parsed.Reason}");
        switch (parsed.Message)
        {
            case SipRequest request:
                _requests.Writer.TryWrite(request);
                if (request.Method != SipMethod.Ack && Respond(request) is { } response)
                {
                    ServerLink.SendAsync(response.Buffer, packet.Remote, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                }
                break;
            case SipResponse answer:
                Responses.Writer.TryWrite(answer);
                break;
        }
    }

    public void OnTransportError(SipEndPoint remote, Exception error)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        await ServerLink.DisposeAsync();
    }
}
