using FluentValidation;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Storage.Tests;

public sealed class PbxProfileRepositoryTests : IAsyncLifetime
{
    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    private PbxProfileRepository Profiles => _storage.Get<PbxProfileRepository>();

    [Fact]
    public async Task Create_read_update_delete_round_trip()
    {
        var created = await Profiles.CreateAsync(new PbxProfile
        {
            Name = "Lab Asterisk",
            Method = SyncMethod.FeatureCodesWithAsFeatureEventDnd,
            AcceptUaCsta = true,
            DndOnCode = "*78", DndOffCode = "*79",
            ForwardAlwaysOnCode = "*72", ForwardAlwaysOffCode = "*73",
            ForwardBusyOnCode = "*90", ForwardBusyOffCode = "*91",
            ForwardNoAnswerOnCode = "*52", ForwardNoAnswerOffCode = "*53",
            ForwardPattern = "{code}*{number}#",
            SecondsPerRing = 5,
            EventPackage = "x-fortivoice",
        });
        Assert.True(created.Id > 0);
        Assert.Equal(created, await Profiles.GetAsync(created.Id));

        var updated = await Profiles.UpdateAsync(created with { Name = "Lab", DndOnCode = "*70" });
        Assert.Equal(updated, await Profiles.GetAsync(created.Id));
        Assert.Single(await Profiles.GetAllAsync());

        Assert.True(await Profiles.DeleteAsync(created.Id));
        Assert.Null(await Profiles.GetAsync(created.Id));
        Assert.False(await Profiles.DeleteAsync(created.Id));
    }

    [Fact]
    public async Task Create_from_preset_copies_it_into_an_editable_profile()
    {
        var first = await Profiles.CreateFromPresetAsync("freepbx/asterisk");
        var second = await Profiles.CreateFromPresetAsync("FreePBX/Asterisk");
        var named = await Profiles.CreateFromPresetAsync("Huawei IMS", "Operator A");

        Assert.Equal(PbxPresets.FreePbx with { Id = first.Id }, first);
        Assert.Equal("FreePBX/Asterisk (2)", second.Name);
        Assert.Equal("Operator A", named.Name);
        Assert.Equal("{code}*{number}#", named.ForwardPattern);

        var edited = await Profiles.UpdateAsync(first with { DndOnCode = "*11" });
        Assert.Equal("*11", edited.DndOnCode);
        Assert.Equal("*78", PbxPresets.FreePbx.DndOnCode);
        await Assert.ThrowsAsync<ArgumentException>(() => Profiles.CreateFromPresetAsync("Nortel"));
    }

    [Fact]
    public async Task Delete_is_refused_while_a_line_uses_the_profile()
    {
        var profile = await Profiles.CreateFromPresetAsync("BroadWorks");
        var lines = _storage.Get<LineRepository>();
        await lines.SaveAsync(new LineSettings { Number = 3, PbxProfileId = profile.Id });
        await lines.SaveAsync(new LineSettings { Number = 9, PbxProfileId = profile.Id });

        var error = await Assert.ThrowsAsync<ProfileInUseException>(() => Profiles.DeleteAsync(profile.Id));

        Assert.Equal(new[] { 3, 9 }, error.Lines);
        Assert.Contains("lines 3, 9", error.Message, StringComparison.Ordinal);
        Assert.NotNull(await Profiles.GetAsync(profile.Id));

        await lines.SaveAsync(new LineSettings { Number = 3 });
        await lines.SaveAsync(new LineSettings { Number = 9 });
        Assert.True(await Profiles.DeleteAsync(profile.Id));
    }

    [Fact]
    public async Task Invalid_or_duplicate_profiles_are_refused_and_nothing_changes()
    {
        var existing = await Profiles.CreateFromPresetAsync("3CX");

        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Profiles.CreateAsync(PbxPresets.Generic with { Name = "3cx" }));
        Assert.Contains(duplicate.Errors, e => e.PropertyName == nameof(PbxProfile.Name));

        var invalid = await Assert.ThrowsAsync<ValidationException>(() =>
            Profiles.UpdateAsync(existing with { DndOnCode = "*3A", ForwardPattern = "{code}" }));
        Assert.Contains(invalid.Errors, e => e.PropertyName == nameof(PbxProfile.DndOnCode));
        Assert.Contains(invalid.Errors, e => e.PropertyName == nameof(PbxProfile.ForwardPattern));
        Assert.Equal(existing, await Profiles.GetAsync(existing.Id));
        Assert.Single(await Profiles.GetAllAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Profiles.UpdateAsync(existing with { Id = 4242 }));
    }

    [Fact]
    public async Task A_profile_used_by_a_syncing_line_cannot_lose_its_ability_to_sync()
    {
        var profile = await Profiles.CreateFromPresetAsync("Yeastar P-series");
        await _storage.Get<LineRepository>().SaveAsync(new LineSettings { Number = 1, FeatureSync = true, PbxProfileId = profile.Id });

        var noCodes = profile with
        {
            ForwardAlwaysOnCode = "", ForwardBusyOnCode = "", ForwardNoAnswerOnCode = "",
        };
        var error = await Assert.ThrowsAsync<ValidationException>(() => Profiles.UpdateAsync(noCodes));

        Assert.Contains(error.Errors, e => e.PropertyName == nameof(PbxProfile.Method) && e.ErrorMessage.Contains("lines 1", StringComparison.Ordinal));
    }
}
