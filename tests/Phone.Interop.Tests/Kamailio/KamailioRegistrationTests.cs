using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Lines;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.Kamailio;

/// <summary>Our registration client against kamailio, a registrar we did not write.</summary>
public sealed class KamailioRegistrationTests
{
    private static async Task<RegistrationSnapshot> Run(string password, RegistrationState until)
    {
        await using var kamailio = await KamailioProcess.StartAsync("secret");
        await using var phone = new SipCoreHarness();
        var account = new SipAccount { User = "2001", Password = password, Domain = "127.0.0.1", Port = kamailio.Port, RegistrationExpiry = 600 };
        await using var client = new RegistrationClient(phone.Stack, account, 1, phone.Resolver, NullLogger.Instance);
        var reached = new TaskCompletionSource<RegistrationSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Changed += s =>
        {
            if (s.State == until)
            {
                reached.TrySetResult(s);
            }
        };
        client.Start();
        try
        {
            return await reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"never {until}; kamailio said:\n{kamailio.Output}");
        }
    }

    [Fact]
    public async Task Registers_with_kamailio_answering_its_digest_challenge()
    {
        var registered = await Run("secret", RegistrationState.Registered);

        Assert.Equal("200 OK", registered.Detail);
        Assert.NotNull(registered.Until);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_rejected_credentials()
    {
        var failed = await Run("not-the-password", RegistrationState.Failed);

        Assert.True(Phone.SipCore.SyncLog.StatusPhrase.TryDecode(failed.Detail, out var detail), failed.Detail);
        Assert.Equal(Phone.SipCore.SyncLog.StatusPhraseCode.AuthCredentialsRejected, detail.Code);
        Assert.StartsWith("401", Phone.SipCore.SyncLog.StatusPhrase.ProtocolText(failed.Detail));
    }
}
