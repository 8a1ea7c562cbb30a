using Phone.SipCore.Transport;
using FluentValidation;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Storage.Tests;

public sealed class LineRepositoryTests : IAsyncLifetime
{
    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    private LineRepository Lines => _storage.Get<LineRepository>();

    [Fact]
    public async Task Sixteen_disabled_lines_exist_from_the_first_start()
    {
        var all = await Lines.GetAllAsync();
        Assert.Equal(Enumerable.Range(1, 16), all.Select(l => l.Number));
        Assert.All(all, l =>
        {
            Assert.False(l.Enabled);
            Assert.False(l.FeatureSync);
            Assert.False(l.HasPassword);
            Assert.Equal(LineSettings.DefaultPort, l.Port);
            Assert.Equal(SipTransportKind.Udp, l.Transport);
        });
        Assert.Null(await Lines.GetAsync(17));
    }

    [Fact]
    public async Task Settings_round_trip()
    {
        var profile = await _storage.Get<PbxProfileRepository>().CreateFromPresetAsync("BroadWorks");
        var settings = new LineSettings
        {
            Number = 2,
            Enabled = true,
            Label = "Front desk",
            User = "2001",
            DisplayName = "Reception 前台",
            AuthUser = "auth-2001",
            Password = "s3cret",
            RegistrarHost = "[2001:db8::1]",
            Port = 5061,
            Transport = SipTransportKind.Tls,
            OutboundProxy = "proxy.example.com:5070",
            RegistrationExpiry = 600,
            FeatureSync = true,
            PbxProfileId = profile.Id,
        };

        var saved = await Lines.SaveAsync(settings);
        var read = await Lines.GetAsync(2);

        Assert.Equal(saved, read);
        Assert.True(read!.HasPassword);
        Assert.Equal(settings with { Password = null }, read.ToSettings());
    }

    [Fact]
    public async Task Password_null_keeps_empty_clears_text_replaces()
    {
        var credentials = _storage.Get<LineCredentialReader>();
        var line = new LineSettings { Number = 1, User = "2001", Password = "first" };
        await Lines.SaveAsync(line);

        await Lines.SaveAsync(line with { Label = "x", Password = null });
        Assert.Equal("first", (await credentials.GetAsync(1))!.Password);

        await Lines.SaveAsync(line with { Password = "second" });
        Assert.Equal("second", (await credentials.GetAsync(1))!.Password);

        await Lines.SaveAsync(line with { Password = "" });
        Assert.Null(await credentials.GetAsync(1));
        Assert.False((await Lines.GetAsync(1))!.HasPassword);
    }

    [Fact]
    public async Task Invalid_settings_throw_and_change_nothing()
    {
        var before = await Lines.GetAsync(4);
        var error = await Assert.ThrowsAsync<ValidationException>(() => Lines.SaveAsync(
            new LineSettings { Number = 4, Enabled = true, User = "bad user", RegistrarHost = "pbx", Port = 0 }));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(LineSettings.User));
        Assert.Contains(error.Errors, e => e.PropertyName == nameof(LineSettings.Port));
        Assert.Equal(before, await Lines.GetAsync(4));
    }

    [Fact]
    public async Task Feature_sync_needs_a_profile_that_can_sync()
    {
        var profiles = _storage.Get<PbxProfileRepository>();
        var generic = await profiles.CreateFromPresetAsync("Generic");
        var line = new LineSettings { Number = 5, FeatureSync = true, PbxProfileId = generic.Id };

        var error = await Assert.ThrowsAsync<ValidationException>(() => Lines.SaveAsync(line));
        Assert.Contains(error.Errors, e => e.PropertyName == nameof(LineSettings.FeatureSync));

        await Assert.ThrowsAsync<ValidationException>(() => Lines.SaveAsync(line with { PbxProfileId = 999 }));

        var yeastar = await profiles.CreateFromPresetAsync("Yeastar S-series");
        var saved = await Lines.SaveAsync(line with { PbxProfileId = yeastar.Id });
        Assert.True(saved.FeatureSync);
    }

    [Fact]
    public async Task Line_numbers_outside_the_configured_count_are_rejected()
    {
        var result = await Lines.ValidateAsync(new LineSettings { Number = 17 });
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(LineSettings.Number) && e.ErrorMessage.Contains("1 to 16", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Raising_max_lines_to_1000_creates_the_new_lines_and_keeps_the_old()
    {
        await Lines.SaveAsync(new LineSettings { Number = 16, User = "keep" });

        await _storage.ReopenAsync(new Dictionary<string, string?> { [StorageOptions.MaxLinesKey] = "1000" });

        var all = await Lines.GetAllAsync();
        Assert.Equal(1000, all.Count);
        Assert.Equal("keep", all[15].User);
        Assert.All(all.Skip(16), l => Assert.False(l.Enabled));
        var saved = await Lines.SaveAsync(new LineSettings { Number = 1000, User = "last" });
        Assert.Equal("last", saved.User);
    }
}
