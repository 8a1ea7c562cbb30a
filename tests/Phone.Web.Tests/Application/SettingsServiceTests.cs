using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Configuration;
using Phone.SipCore.Lines;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.TestSupport;
using Phone.Web.Application;

namespace Phone.Web.Tests.Application;

/// <summary>
/// The settings service inside the real host: a temporary SQLite database, the real
/// repositories and the real line supervisor. A re-applied line is seen where pages see it,
/// in the live feed: the supervisor restarts a line whose stored settings changed and the new
/// agent publishes its snapshot (label, profile method and seconds per ring). A line the
/// service must leave alone gets a tripwire first: settings stored behind the supervisor's
/// back, so that re-applying it by mistake would publish too.
/// </summary>
public sealed class SettingsServiceTests : IDisposable
{
    private const string Tripwire = "stored, not applied";

    private readonly PhoneWebFactory _factory = new();

    private SettingsService Settings => _factory.Services.GetRequiredService<SettingsService>();

    private LineRepository Lines => _factory.Services.GetRequiredService<LineRepository>();

    private PbxProfileRepository Profiles => _factory.Services.GetRequiredService<PbxProfileRepository>();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Saving_a_valid_line_stores_it_and_reapplies_it()
    {
        await ArmTripwireAsync(7);
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.SaveLineAsync(new LineSettings { Number = 3, Label = "Desk", User = "2003" }, default);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal("Desk", result.Value!.Label);
        Assert.Equal("Desk", (await Lines.GetAsync(3))!.Label);
        Assert.Equal([3], published.Lines);
        Assert.Equal(("Desk", "2003"), (_factory.Feed.Get(3)!.Label, _factory.Feed.Get(3)!.User));
    }

    [Fact]
    public async Task An_invalid_line_changes_nothing_and_returns_the_errors_by_field()
    {
        await ArmTripwireAsync(1);
        var before = _factory.Feed.Get(1);
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.SaveLineAsync(new LineSettings
        {
            Number = 1, Enabled = true, Label = "Never stored", User = "bad user", RegistrarHost = "", Port = 70000,
        }, default);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Null(result.Value);
        var fields = result.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Superset(new HashSet<string> { nameof(LineSettings.User), nameof(LineSettings.RegistrarHost), nameof(LineSettings.Port) }, fields);
        Assert.DoesNotContain(nameof(LineSettings.Label), fields);
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(LineSettings.User) && e.ErrorMessage.Contains("user-part", StringComparison.Ordinal));
        var stored = (await Lines.GetAsync(1))!;
        Assert.Equal((false, Tripwire), (stored.Enabled, stored.Label));
        Assert.Empty(published.Lines);
        Assert.Same(before, _factory.Feed.Get(1));
    }

    [Fact]
    public async Task A_line_outside_the_phones_lines_is_not_found_and_nothing_is_applied()
    {
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.SaveLineAsync(new LineSettings { Number = Lines.MaxLines + 1, Label = "x" }, default);

        Assert.Equal(SaveOutcome.NotFound, result.Outcome);
        Assert.Empty(published.Lines);
    }

    [Fact]
    public async Task A_profile_update_reapplies_exactly_the_lines_using_it()
    {
        var used = await CreateProfileUsedByAsync("Yeastar S-series", 1, 2);
        await CreateProfileUsedByAsync("3CX", 4);
        await ArmTripwireAsync(4);
        await ArmTripwireAsync(6);
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.UpdateProfileAsync(used with { SecondsPerRing = 9 }, default);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal([1, 2], result.Value!.UsedByLines);
        Assert.Equal(9, (await Profiles.GetAsync(used.Id))!.SecondsPerRing);
        Assert.Equal([1, 2], published.Lines.Order());
        Assert.Equal((9, 9), (_factory.Feed.Get(1)!.SecondsPerRing, _factory.Feed.Get(2)!.SecondsPerRing));
        Assert.NotEqual(Tripwire, _factory.Feed.Get(4)!.Label);
    }

    [Fact]
    public async Task An_invalid_profile_update_changes_nothing_and_returns_the_errors_by_field()
    {
        var profile = await CreateProfileUsedByAsync("Yeastar S-series", 1);
        await ArmTripwireAsync(1);
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.UpdateProfileAsync(profile with { DndOnCode = "*7a", SecondsPerRing = 99 }, default);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal([nameof(PbxProfile.DndOnCode), nameof(PbxProfile.SecondsPerRing)],
            result.Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.Equal(profile, await Profiles.GetAsync(profile.Id));
        Assert.Empty(published.Lines);
    }

    [Fact]
    public async Task Creating_from_an_unknown_preset_or_with_a_taken_name_is_refused_by_field()
    {
        var taken = await CreateProfileUsedByAsync("3CX");

        var unknown = await Settings.CreateProfileFromPresetAsync("Nonesuch", null, default);
        var duplicate = await Settings.CreateProfileFromPresetAsync("Generic", taken.Name, default);
        var numbered = await Settings.CreateProfileFromPresetAsync("3CX", null, default);

        Assert.Equal(SettingsService.PresetField, Assert.Single(unknown.Errors).PropertyName);
        Assert.StartsWith("No preset named 'Nonesuch'. Presets: ", unknown.Errors[0].ErrorMessage);
        Assert.Equal(nameof(PbxProfile.Name), Assert.Single(duplicate.Errors).PropertyName);
        Assert.Equal("3CX (2)", numbered.Value!.Profile.Name);
        Assert.Empty(numbered.Value.UsedByLines);
        Assert.Equal(2, (await Profiles.GetAllAsync()).Count);
    }

    [Fact]
    public async Task Deleting_a_profile_in_use_is_refused_with_the_message_and_changes_nothing()
    {
        var profile = await CreateProfileUsedByAsync("Yeastar S-series", 5);

        var refused = await Settings.DeleteProfileAsync(profile.Id, default);

        Assert.Equal(ProfileDeleteOutcome.InUse, refused.Outcome);
        Assert.Equal([5], refused.LinesUsing);
        Assert.Equal(new ProfileInUseException(profile.Id, profile.Name, [5]).Message, refused.Refusal);
        Assert.Equal(profile, await Profiles.GetAsync(profile.Id));
        Assert.Equal(profile.Id, (await Lines.GetAsync(5))!.PbxProfileId);

        await SaveLineAsync(5, null);
        Assert.Equal(ProfileDeleteOutcome.Deleted, (await Settings.DeleteProfileAsync(profile.Id, default)).Outcome);
        Assert.Equal(ProfileDeleteOutcome.NotFound, (await Settings.DeleteProfileAsync(profile.Id, default)).Outcome);
        Assert.Null(await Profiles.GetAsync(profile.Id));
    }

    [Fact]
    public async Task A_bad_config_file_changes_nothing_and_returns_every_error_by_line()
    {
        await ArmTripwireAsync(1);
        var before = _factory.Feed.Get(1);
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.ImportConfigAsync("SIP1 Label :Changed\nSIP2 Port :99999\nSIP3 Registration Expiry :5\nSIP99 Label :x\n", default);

        Assert.False(result.Applied);
        Assert.Equal([2, 3, 4], result.Errors.Select(e => e.LineNumber));
        Assert.Empty(result.LinesChanged);
        Assert.Equal(Tripwire, (await Lines.GetAsync(1))!.Label);
        Assert.Empty(published.Lines);
        Assert.Same(before, _factory.Feed.Get(1));
    }

    [Fact]
    public async Task A_good_config_file_reapplies_the_lines_it_changes_and_those_using_a_profile_it_changes()
    {
        var profile = await CreateProfileUsedByAsync("Yeastar S-series", 5);
        await ArmTripwireAsync(7);
        using var published = new PublishedLines(_factory.Feed);

        var result = await Settings.ImportConfigAsync($"SIP2 Label :Imported\nPBX{profile.Id} Seconds Per Ring :8\n", default);

        Assert.True(result.Applied);
        Assert.Equal([2, 5], result.LinesChanged);
        Assert.Equal([profile.Id], result.ProfilesChanged);
        Assert.Equal([2, 5], published.Lines.Order());
        Assert.Equal("Imported", _factory.Feed.Get(2)!.Label);
        Assert.Equal(8, _factory.Feed.Get(5)!.SecondsPerRing);
    }

    /// <summary>
    /// Stores new settings for the line without applying them: the running line now differs
    /// from the stored one, so re-applying it would restart it and publish.
    /// </summary>
    private async Task ArmTripwireAsync(int number) =>
        await Lines.SaveAsync((await Lines.GetAsync(number))!.ToSettings() with { Label = Tripwire, Password = null });

    private async Task<PbxProfile> CreateProfileUsedByAsync(string preset, params int[] lines)
    {
        var profile = (await Settings.CreateProfileFromPresetAsync(preset, null, default)).ValueOrThrow().Profile;
        foreach (var line in lines)
        {
            await SaveLineAsync(line, profile.Id);
        }
        return profile;
    }

    private async Task SaveLineAsync(int number, int? profileId) =>
        (await Settings.SaveLineAsync(new LineSettings { Number = number, Label = $"Line {number}", PbxProfileId = profileId }, default))
            .ValueOrThrow();

    /// <summary>
    /// The lines the supervisor restarted while this lives. Every line here is disabled, so
    /// nothing but a restart publishes a snapshot.
    /// </summary>
    private sealed class PublishedLines : IDisposable
    {
        private readonly ConcurrentQueue<int> _lines = new();
        private readonly IDisposable _subscription;

        public PublishedLines(ILineStatusFeed feed) => _subscription = feed.Subscribe(status => _lines.Enqueue(status.Line));

        public IReadOnlyList<int> Lines => [.. _lines];

        public void Dispose() => _subscription.Dispose();
    }
}
