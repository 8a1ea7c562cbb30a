using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.Registration;

/// <summary>Our registration client against sipp playing a registrar that challenges first.</summary>
public sealed class RegistrationInteropTests
{
    private static async Task<RegistrationSnapshot> WaitFor(RegistrationClient client, Func<RegistrationSnapshot, bool> done, TimeSpan within)
    {
        var reached = new TaskCompletionSource<RegistrationSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Changed += s =>
        {
            if (done(s))
            {
                reached.TrySetResult(s);
            }
        };
        if (done(client.Current))
        {
            return client.Current;
        }
        return await reached.Task.WaitAsync(within);
    }

    [Theory]
    [InlineData(SipTransportKind.Udp, "u1")]
    [InlineData(SipTransportKind.Tcp, "t1")]
    public async Task Registers_with_digest_after_a_401_and_unregisters(SipTransportKind transport, string sippTransport)
    {
        await using var sipp = SippProcess.Start("registrar-digest.xml", transport: sippTransport);
        await using var phone = new SipCoreHarness();
        var account = new SipAccount
        {
            User = "2001", Password = "secret", Domain = "127.0.0.1", Port = sipp.Port, RegistrationExpiry = 300, Transport = transport,
        };
        await using var client = new RegistrationClient(phone.Stack, account, 1, phone.Resolver, NullLogger.Instance);
        var registered = WaitFor(client, s => s.State == RegistrationState.Registered, TimeSpan.FromSeconds(20));

        client.Start();
        var snapshot = await registered;

        Assert.Equal("200 OK", snapshot.Detail);
        Assert.True(snapshot.IsNewBinding);
        // The registrar granted 120 s in the Contact's expires, not the 300 s asked for.
        var lifetime = snapshot.Until!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(lifetime.TotalSeconds, 100, 121);

        await client.UnregisterAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RegistrationState.Unregistered, client.Current.State);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        var log = sipp.MessageLog();
        Assert.Contains("Authorization: Digest", log);
        Assert.Contains("Expires: 0", log);
        Assert.Contains($"SIP/2.0/{transport.ToString().ToUpperInvariant()} 127.0.0.1", log);
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_servers_status()
    {
        await using var sipp = SippProcess.Start("registrar-digest.xml");
        await using var phone = new SipCoreHarness();
        var account = new SipAccount { User = "2001", Password = "wrong", Domain = "127.0.0.1", Port = sipp.Port };
        await using var client = new RegistrationClient(phone.Stack, account, 1, phone.Resolver, NullLogger.Instance);
        var failed = WaitFor(client, s => s.State == RegistrationState.Failed, TimeSpan.FromSeconds(20));

        client.Start();
        var snapshot = await failed;

        Assert.Equal("403 Wrong Credentials", snapshot.Detail);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }
}
