using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Phone.SipCore.Transport;
using static Phone.SipCore.Tests.Transport.StreamTestSupport;

namespace Phone.SipCore.Tests.Transport;

public sealed class StreamSipTransportTlsTests : IDisposable
{
    private readonly X509Certificate2 _certificate = CreateSelfSignedCertificate();

    public void Dispose() => _certificate.Dispose();

    private StreamSipTransport TlsServer(TcpListener listener, TimeSpan? handshakeTimeout = null) => Server(
        listener,
        new StreamSipTransportOptions
        {
            ServerCertificate = _certificate,
            IncompleteMessageTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(30),
        },
        kind: SipTransportKind.Tls);

    private static SipEndPoint Tls(IPEndPoint endPoint) => new(SipTransportKind.Tls, endPoint);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Messages_travel_both_ways_over_tls_with_an_untrusted_certificate_allowed(string address)
    {
        using var listener = Listen(IPAddress.Parse(address));
        await using var server = TlsServer(listener);
        await using var client = Client(new StreamSipTransportOptions { AllowUntrustedServerCertificate = true }, kind: SipTransportKind.Tls);
        var atServer = new CollectingHandler();
        var atClient = new CollectingHandler();
        server.Start(atServer);
        client.Start(atClient);
        var request = Sip("REGISTER sips:server SIP/2.0");
        var response = Sip("SIP/2.0 200 OK", "over TLS");

        await client.SendAsync(Bytes(request), server.LocalEndPoint, CancellationToken.None);
        var received = await atServer.NextAsync();
        await server.SendAsync(Bytes(response), received.Remote, CancellationToken.None);
        var answered = await atClient.NextAsync();

        Assert.Equal(request, System.Text.Encoding.UTF8.GetString(received.Data.Span));
        Assert.Equal(SipTransportKind.Tls, received.Remote.Transport);
        Assert.Equal(response, System.Text.Encoding.UTF8.GetString(answered.Data.Span));
        Assert.Equal(server.LocalEndPoint, answered.Remote);
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_by_default_and_reported()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = TlsServer(listener);
        await using var client = Client(kind: SipTransportKind.Tls);
        var atServer = new CollectingHandler();
        var atClient = new CollectingHandler();
        server.Start(atServer);
        client.Start(atClient);

        var error = await Assert.ThrowsAsync<AuthenticationException>(async () =>
            await client.SendAsync(Bytes(Sip("REGISTER sips:server SIP/2.0")), server.LocalEndPoint, CancellationToken.None));

        var reported = Assert.Single(atClient.Errors);
        Assert.Equal(server.LocalEndPoint, reported.Remote);
        Assert.Same(error, reported.Error);
        Assert.Equal(0, client.ConnectionCount);
        Assert.False(atServer.TryTake(out _));
    }

    [Fact]
    public async Task A_pinned_thumbprint_is_accepted_and_another_is_not()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = TlsServer(listener);
        var atServer = new CollectingHandler();
        server.Start(atServer);
        var sha256 = _certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var colons = string.Join(':', Enumerable.Range(0, sha256.Length / 2).Select(i => sha256.Substring(i * 2, 2))).ToLowerInvariant();
        await using var pinned = Client(new StreamSipTransportOptions { AcceptedServerCertificateThumbprint = colons }, kind: SipTransportKind.Tls);
        await using var wrong = Client(new StreamSipTransportOptions { AcceptedServerCertificateThumbprint = new string('A', 64) }, kind: SipTransportKind.Tls);
        var atWrong = new CollectingHandler();
        pinned.Start(new CollectingHandler());
        wrong.Start(atWrong);
        var message = Sip("OPTIONS sips:server SIP/2.0");

        await pinned.SendAsync(Bytes(message), server.LocalEndPoint, CancellationToken.None);
        Assert.Equal(message, await atServer.NextTextAsync());
        await Assert.ThrowsAsync<AuthenticationException>(async () =>
            await wrong.SendAsync(Bytes(message), server.LocalEndPoint, CancellationToken.None));
        Assert.Single(atWrong.Errors);
    }

    [Fact]
    public async Task The_target_host_name_is_what_the_certificate_is_checked_against()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = TlsServer(listener);
        server.Start(new CollectingHandler());
        var seen = new List<SslPolicyErrors>();
        await using var client = Client(new StreamSipTransportOptions { ServerCertificateValidation = Rejecting(seen) }, kind: SipTransportKind.Tls);
        client.Start(new CollectingHandler());
        var message = Bytes(Sip("OPTIONS sips:server SIP/2.0"));

        await Assert.ThrowsAsync<AuthenticationException>(async () =>
            await client.SendAsync(message, server.LocalEndPoint, "localhost", CancellationToken.None));
        await Assert.ThrowsAsync<AuthenticationException>(async () =>
            await client.SendAsync(message, server.LocalEndPoint, "pbx.example.com", CancellationToken.None));

        // The certificate names localhost: only the chain is wrong for it; for another name the name is wrong too.
        Assert.Equal(2, seen.Count);
        Assert.False(seen[0].HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.True(seen[0].HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(seen[1].HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public async Task A_stalled_tls_handshake_is_closed_after_the_timeout()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = TlsServer(listener, handshakeTimeout: TimeSpan.FromMilliseconds(300));
        server.Start(new CollectingHandler());
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        // The client never says hello; the server must not wait for ever.
        Assert.Equal(0, await ReceiveUntilClosedAsync(raw));
    }

    [Fact]
    public void Accepting_tls_without_a_certificate_is_refused_at_construction()
    {
        using var listener = Listen(IPAddress.Loopback);
        var error = Assert.Throws<ArgumentException>(() => Server(listener, kind: SipTransportKind.Tls));
        Assert.Contains(nameof(StreamSipTransportOptions.ServerCertificate), error.Message, StringComparison.Ordinal);
    }
}
