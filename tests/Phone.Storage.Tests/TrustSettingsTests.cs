using Dapper;
using FluentValidation;
using Phone.SipCore.Configuration;
using Phone.Storage.ConfigFile;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Storage.Tests;

/// <summary>The trust-policy settings: a profile's trusted hosts and a line's "calls only from its server".</summary>
public sealed class TrustSettingsTests : IAsyncLifetime
{
    private const string Cluster = "10.0.0.0/24, 2001:db8::/48, pbx2.example.com";

    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    private LineRepository Lines => _storage.Get<LineRepository>();

    private PbxProfileRepository Profiles => _storage.Get<PbxProfileRepository>();

    private ConfigFileImporter Importer => _storage.Get<ConfigFileImporter>();

    [Fact]
    public async Task Both_settings_default_to_off_and_presets_trust_no_extra_host()
    {
        Assert.All(PbxPresets.All, p => Assert.Equal("", p.TrustedHosts));
        Assert.Equal("", (await Profiles.CreateFromPresetAsync("BroadWorks")).TrustedHosts);
        Assert.All(await Lines.GetAllAsync(), l => Assert.False(l.AcceptCallsOnlyFromServer));
        Assert.False(new LineSettings { Number = 1 }.AcceptCallsOnlyFromServer);
    }

    [Fact]
    public async Task Trusted_hosts_round_trip_through_the_repository()
    {
        var created = await Profiles.CreateAsync(PbxPresets.BroadWorks with { TrustedHosts = Cluster });
        Assert.Equal(Cluster, created.TrustedHosts);
        Assert.Equal(created, await Profiles.GetAsync(created.Id));

        var updated = await Profiles.UpdateAsync(created with { TrustedHosts = "  192.0.2.7 " });
        Assert.Equal("192.0.2.7", updated.TrustedHosts);
        Assert.Equal(updated, await Profiles.GetAsync(created.Id));

        var cleared = await Profiles.UpdateAsync(created with { TrustedHosts = "" });
        Assert.Equal("", (await Profiles.GetAsync(cleared.Id))!.TrustedHosts);
    }

    [Fact]
    public async Task Bad_trusted_hosts_are_refused_and_change_nothing()
    {
        var profile = await Profiles.CreateAsync(PbxPresets.BroadWorks with { TrustedHosts = "10.0.0.5" });

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Profiles.UpdateAsync(profile with { TrustedHosts = "10.0.0.5, 10.0.0.0/33" }));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(PbxProfile.TrustedHosts), failure.PropertyName);
        Assert.Contains("'10.0.0.0/33'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(profile, await Profiles.GetAsync(profile.Id));
    }

    [Fact]
    public async Task Accept_calls_only_from_server_round_trips_through_the_repository()
    {
        var settings = new LineSettings { Number = 3, User = "2003", AcceptCallsOnlyFromServer = true };

        var saved = await Lines.SaveAsync(settings);

        Assert.True(saved.AcceptCallsOnlyFromServer);
        Assert.Equal(saved, await Lines.GetAsync(3));
        Assert.Equal(settings with { Password = null }, saved.ToSettings());
        Assert.False((await Lines.SaveAsync(settings with { AcceptCallsOnlyFromServer = false })).AcceptCallsOnlyFromServer);
        Assert.False((await Lines.GetAsync(3))!.AcceptCallsOnlyFromServer);
    }

    [Fact]
    public void The_line_setting_is_printed_with_the_record()
    {
        var text = new LineSettings { Number = 1, AcceptCallsOnlyFromServer = true }.ToString();

        Assert.Contains("AcceptCallsOnlyFromServer = True", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrating_from_6_keeps_the_data_and_gives_the_defaults()
    {
        var directory = TestStorage.NewDirectory();
        try
        {
            var database = new PhoneDatabase(directory);
            using (var connection = database.Open())
            {
                Assert.Equal(6, SchemaMigrator.Migrate(connection, 6));
                connection.Execute("INSERT INTO pbx_profile (id, name, sync_method, dnd_on_code) VALUES (4, 'Old PBX', 'FeatureCodes', '*78');");
                connection.Execute("INSERT INTO line (number, user, pbx_profile_id, contact_token) VALUES (2, '2002', 4, 'k3f9a2zz');");
            }

            Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());

            using var migrated = database.Open();
            var profile = PbxProfileSql.Read(migrated, null, 4)!;
            Assert.Equal(("Old PBX", "*78", ""), (profile.Name, profile.DndOnCode, profile.TrustedHosts));
            var line = LineSql.Read(migrated, null, 2)!.ToView();
            Assert.Equal(("2002", 4, "k3f9a2zz", false), (line.User, line.PbxProfileId, line.ContactToken, line.AcceptCallsOnlyFromServer));
        }
        finally
        {
            TestStorage.DeleteDirectory(directory);
        }
    }

    [Fact]
    public async Task Export_then_import_carries_both_settings()
    {
        var profile = await Profiles.CreateAsync(PbxPresets.BroadWorks with { TrustedHosts = Cluster });
        await Lines.SaveAsync(new LineSettings { Number = 2, PbxProfileId = profile.Id, AcceptCallsOnlyFromServer = true });

        var text = await _storage.Get<ConfigFileExporter>().ExportAsync();

        var rows = text.Split('\n');
        Assert.Contains($"PBX{profile.Id} Trusted Hosts :{Cluster}", rows);
        Assert.Contains("SIP2 Accept Calls Only From Server :1", rows);
        Assert.Contains("SIP3 Accept Calls Only From Server :0", rows);
        await using var other = await TestStorage.StartAsync();
        var result = await other.Get<ConfigFileImporter>().ImportAsync(text);
        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Equal(Cluster, (await other.Get<PbxProfileRepository>().GetAsync(profile.Id))!.TrustedHosts);
        Assert.True((await other.Get<LineRepository>().GetAsync(2))!.AcceptCallsOnlyFromServer);
        Assert.False((await other.Get<LineRepository>().GetAsync(3))!.AcceptCallsOnlyFromServer);
    }

    [Fact]
    public async Task The_Chinese_key_names_are_accepted()
    {
        const string text = """
            --PBX配置列表-- :
            PBX5 名称 :集群
            PBX5 可信主机 : 10.0.0.0/24, pbx2.example.com
            --SIP线路列表-- :
            SIP4 PBX配置 :5
            SIP4 仅接受服务器来电 :是
            """;

        var result = await Importer.ImportAsync(text);

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal("10.0.0.0/24, pbx2.example.com", (await Profiles.GetAsync(5))!.TrustedHosts);
        var line = (await Lines.GetAsync(4))!;
        Assert.True(line.AcceptCallsOnlyFromServer);
        Assert.Equal(5, line.PbxProfileId);
    }

    [Fact]
    public async Task A_bad_trusted_hosts_value_rejects_the_whole_file_with_its_line_number()
    {
        var profile = await Profiles.CreateAsync(PbxPresets.BroadWorks with { TrustedHosts = "10.0.0.5" });
        var linesBefore = await Lines.GetAllAsync();
        var text = $"""
            SIP1 Accept Calls Only From Server :1
            SIP1 Label :changed
            PBX{profile.Id} Name :Renamed
            PBX{profile.Id} Trusted Hosts :10.0.0.0/24, a b
            """;

        var result = await Importer.ImportAsync(text);

        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal($"PBX{profile.Id}: Trusted Hosts: 'a b' is not a host name, IP address or CIDR range " +
            "(e.g. pbx2.example.com, 10.0.0.5 or 10.0.0.0/24).", error.Message);
        Assert.Equal(profile, await Profiles.GetAsync(profile.Id));
        Assert.Equal(linesBefore, await Lines.GetAllAsync());
    }

    [Fact]
    public async Task A_bad_accept_calls_value_is_reported_by_key_and_line()
    {
        var result = await Importer.ImportAsync("SIP1 Label :x\nSIP1 仅接受服务器来电 :maybe\n");

        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("SIP1 Accept Calls Only From Server: 'maybe' is not 0 or 1.", error.Message);
        Assert.Equal("", (await Lines.GetAsync(1))!.Label);
    }
}
