using Dapper;
using FluentValidation;
using Phone.Storage.Provisioning;

namespace Phone.Storage.Tests;

public sealed class ProvisioningRepositoryTests : IAsyncLifetime
{
    private const string Secret = "prov-secret-never-shown";

    private TestStorage _storage = null!;

    private ProvisioningRepository Repository => _storage.Get<ProvisioningRepository>();

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Settings_round_trip_and_the_password_is_encrypted_kept_and_cleared()
    {
        var saved = await Repository.SaveAsync(new ProvisioningSettings
        {
            Url = "https://prov.example.com/{mac}.cfg", DeviceId = "desk-7", User = "fleet", Password = Secret,
            IntervalHours = 6, CheckSync = false,
        });

        Assert.Equal(("https://prov.example.com/{mac}.cfg", "desk-7", "fleet", true, 6, false),
            (saved.Url, saved.DeviceId, saved.User, saved.HasPassword, saved.IntervalHours, saved.CheckSync));
        using (var connection = _storage.Database.Open())
        {
            Assert.DoesNotContain(Secret, connection.ExecuteScalar<string>("SELECT password_protected FROM provisioning;"), StringComparison.Ordinal);
        }
        Assert.Equal(Secret, await Repository.ReadPasswordAsync());

        // null keeps, empty clears.
        await Repository.SaveAsync(new ProvisioningSettings { Url = "http://10.0.0.1/p/{id}.cfg", User = "fleet", Password = null });
        Assert.Equal(Secret, await Repository.ReadPasswordAsync());
        var cleared = await Repository.SaveAsync(new ProvisioningSettings { Url = "http://10.0.0.1/p/{id}.cfg", Password = "" });
        Assert.False(cleared.HasPassword);
        Assert.Null(await Repository.ReadPasswordAsync());
    }

    [Theory]
    [InlineData("ftp://prov.example.com/a.cfg", "x", 1, "", nameof(ProvisioningSettings.Url))]
    [InlineData("https://prov.example.com/{serial}.cfg", "x", 1, "", nameof(ProvisioningSettings.Url))]
    [InlineData("https://prov.example.com/a.cfg", "bad id!", 1, "", nameof(ProvisioningSettings.DeviceId))]
    [InlineData("https://prov.example.com/a.cfg", "x", 169, "", nameof(ProvisioningSettings.IntervalHours))]
    [InlineData("https://prov.example.com/a.cfg", "x", -1, "", nameof(ProvisioningSettings.IntervalHours))]
    [InlineData("https://prov.example.com/a.cfg", "x", 1, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----",
        nameof(ProvisioningSettings.CaCertificatePem))]
    public async Task A_broken_rule_names_the_field_and_changes_nothing(string url, string deviceId, int hours, string pem, string field)
    {
        var before = await Repository.GetAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => Repository.SaveAsync(new ProvisioningSettings
        {
            Url = url, DeviceId = deviceId, IntervalHours = hours, CaCertificatePem = pem,
        }));

        Assert.Contains(error.Errors, e => e.PropertyName == field);
        Assert.Equal(before, await Repository.GetAsync());
    }

    [Fact]
    public async Task Attempts_keep_the_newest_fifty_and_never_show_url_credentials()
    {
        for (var i = 1; i <= 60; i++)
        {
            await Repository.RecordAsync(new ProvisioningAttempt(DateTimeOffset.UnixEpoch.AddMinutes(i), "schedule",
                "https://user:pw@prov.example.com/a.cfg", 200, "\"e\"", i, 1, ProvisioningOutcome.Applied, $"attempt {i}"));
        }

        var attempts = await Repository.GetAttemptsAsync(100);

        Assert.Equal(50, attempts.Count);
        Assert.Equal("attempt 60", attempts[0].Detail);
        Assert.Equal("attempt 11", attempts[^1].Detail);
        Assert.All(attempts, a => Assert.Equal("https://***@prov.example.com/a.cfg", a.Url));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(60), attempts[0].Time);
    }

    [Fact]
    public async Task Validators_are_stored_with_their_url()
    {
        Assert.Null(await Repository.GetValidatorsAsync());

        await Repository.SetAppliedAsync(new ProvisioningCacheValidators("http://h/a.cfg", "\"v1\"", "Tue, 01 Dec 2026 10:00:00 GMT"), "lines 1");

        Assert.Equal(new ProvisioningCacheValidators("http://h/a.cfg", "\"v1\"", "Tue, 01 Dec 2026 10:00:00 GMT"),
            await Repository.GetValidatorsAsync());
        Assert.Equal("lines 1", (await Repository.GetAsync()).LastApplied);
    }
}
