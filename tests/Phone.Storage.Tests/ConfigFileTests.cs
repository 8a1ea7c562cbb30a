using Phone.SipCore.Transport;
using Phone.SipCore.Configuration;
using Phone.Storage.ConfigFile;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Storage.Tests;

public sealed class ConfigFileTests : IAsyncLifetime
{
    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    private ConfigFileImporter Importer => _storage.Get<ConfigFileImporter>();

    private LineRepository Lines => _storage.Get<LineRepository>();

    private PbxProfileRepository Profiles => _storage.Get<PbxProfileRepository>();

    [Fact]
    public async Task Export_has_sections_and_settings_without_passwords()
    {
        var profile = await Profiles.CreateFromPresetAsync("BroadWorks");
        await Lines.SaveAsync(new LineSettings
        {
            Number = 1, Enabled = true, User = "2001", Password = "secret", RegistrarHost = "as.example.com",
            FeatureSync = true, PbxProfileId = profile.Id,
        });

        var text = await _storage.Get<ConfigFileExporter>().ExportAsync();
        var rows = text.Split('\n');

        Assert.Equal("--SIP Line List-- :", rows[0]);
        Assert.Contains("SIP1 Feature Sync :1", rows);
        Assert.Contains("SIP1 Enable :1", rows);
        Assert.Contains("SIP1 User :2001", rows);
        Assert.Contains("SIP2 Feature Sync :0", rows);
        Assert.Contains("SIP16 Enable :0", rows);
        Assert.Contains("--PBX Profile List-- :", rows);
        Assert.Contains($"PBX{profile.Id} Name :BroadWorks", rows);
        Assert.Contains($"PBX{profile.Id} DND On Code :*78", rows);
        Assert.DoesNotContain(rows, r => r.Contains("Password", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_into_a_fresh_database_reproduces_lines_and_profiles()
    {
        var ims = await Profiles.CreateFromPresetAsync("ZTE IMS");
        var forti = await Profiles.CreateFromPresetAsync("FortiVoice");
        await Lines.SaveAsync(new LineSettings
        {
            Number = 4, Enabled = true, Label = "Sales 销售", User = "+86%2010", DisplayName = "Li Lei", AuthUser = "ll",
            RegistrarHost = "10.0.0.5", Port = 5080, Transport = SipTransportKind.Tcp, OutboundProxy = "[2001:db8::5]:5060",
            RegistrationExpiry = 120, FeatureSync = true, PbxProfileId = ims.Id,
        });
        await Lines.SaveAsync(new LineSettings { Number = 5, PbxProfileId = forti.Id });
        var text = await _storage.Get<ConfigFileExporter>().ExportAsync();
        var expectedLines = await Lines.GetAllAsync();
        var expectedProfiles = await Profiles.GetAllAsync();

        await using var other = await TestStorage.StartAsync();
        var result = await other.Get<ConfigFileImporter>().ImportAsync(text);

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(new[] { 4, 5 }, result.LinesChanged);
        // The contact token is the database's own, not a setting: the file does not carry it.
        var importedLines = await other.Get<LineRepository>().GetAllAsync();
        Assert.Equal(expectedLines.Select(WithoutToken), importedLines.Select(WithoutToken));
        Assert.DoesNotContain(expectedLines[3].ContactToken, text, StringComparison.Ordinal);
        Assert.NotEqual(expectedLines[3].ContactToken, importedLines[3].ContactToken);
        Assert.Equal(expectedProfiles, await other.Get<PbxProfileRepository>().GetAllAsync());

        // Importing the same file again changes nothing.
        var again = await other.Get<ConfigFileImporter>().ImportAsync(text);
        Assert.True(again.Applied);
        Assert.Empty(again.LinesChanged);
        Assert.Empty(again.ProfilesChanged);
    }

    [Fact]
    public async Task Chinese_aliases_and_loose_spacing_and_case_are_accepted()
    {
        const string text = """
            --SIP线路列表-- :
            SIP2 功能同步 : 1
            SIP2 启用:1
            sip2   用户名   :  3001
            SIP2 显示名称 :张三
            SIP2 认证用户名 :a3001
            SIP2 密码 :pw3001
            SIP2 注册服务器 :sip.example.cn
            SIP2 端口 :5062
            SIP2 传输协议 :tls
            SIP2 出局代理 :proxy.example.cn
            SIP2 注册有效期 :1800
            SIP2 PBX配置 :3
            --PBX配置列表-- :
            PBX3 名称 :华为
            pbx3 SYNC METHOD :FeatureCodes
            PBX3 无条件转移开启码 :*57
            PBX3 无条件转移关闭码 :#57#
            PBX3 转移号码格式 :{code}*{number}#
            """;

        var result = await Importer.ImportAsync(text);

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Equal(new[] { 2 }, result.LinesChanged);
        Assert.Equal(new[] { 3 }, result.ProfilesChanged);
        var line = (await Lines.GetAsync(2))!;
        Assert.True(line.FeatureSync);
        Assert.True(line.Enabled);
        Assert.Equal("3001", line.User);
        Assert.Equal("张三", line.DisplayName);
        Assert.Equal("a3001", line.AuthUser);
        Assert.True(line.HasPassword);
        Assert.Equal("sip.example.cn", line.RegistrarHost);
        Assert.Equal(5062, line.Port);
        Assert.Equal(SipTransportKind.Tls, line.Transport);
        Assert.Equal("proxy.example.cn", line.OutboundProxy);
        Assert.Equal(1800, line.RegistrationExpiry);
        Assert.Equal(3, line.PbxProfileId);
        Assert.Equal("pw3001", (await _storage.Get<LineCredentialReader>().GetAsync(2))!.Password);
        var profile = (await Profiles.GetAsync(3))!;
        Assert.Equal("华为", profile.Name);
        Assert.Equal("*57*2424#", profile.DialString(SipCore.FeatureSync.Model.FeatureKind.ForwardAlways, true, "2424"));
    }

    [Fact]
    public async Task Unknown_keys_are_warned_about_and_skipped()
    {
        const string text = """
            --SIP Line List-- :
            SIP1 Feature Sync :0
            SIP1 Ringtone :Ring3.wav
            SIP1 Label :Desk
            Phone Volume :5
            --Audio-- :
            """;

        var result = await Importer.ImportAsync(text);

        Assert.True(result.Applied);
        Assert.Equal(new[] { 3, 5, 6 }, result.Warnings.Select(w => w.LineNumber));
        Assert.Contains("SIP1 Ringtone", result.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal("Desk", (await Lines.GetAsync(1))!.Label);
    }

    [Fact]
    public async Task A_bad_file_changes_nothing_and_lists_every_error_by_line_number()
    {
        var profile = await Profiles.CreateFromPresetAsync("3CX");
        await Lines.SaveAsync(new LineSettings { Number = 1, User = "1001", Label = "before" });
        var linesBefore = await Lines.GetAllAsync();
        var profilesBefore = await Profiles.GetAllAsync();
        var text = $"""
            --SIP Line List-- :
            SIP1 Label :after
            SIP1 Port :70000
            SIP1 User :bad user
            SIP1 Transport :SCTP
            this line has no colon
            SIP2 Registration Expiry :10
            SIP2 Feature Sync :1
            SIP99 Enable :1
            --PBX Profile List-- :
            PBX{profile.Id} DND On Code :*30
            PBX{profile.Id} Seconds Per Ring :abc
            """;

        var result = await Importer.ImportAsync(text);

        Assert.False(result.Applied);
        Assert.Empty(result.LinesChanged);
        Assert.Equal(new[] { 3, 4, 5, 6, 7, 8, 9, 11, 12 }, result.Errors.Select(e => e.LineNumber));
        Assert.Contains("Port", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("SIP1 Transport", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("PBX", result.Errors[^2].Message, StringComparison.Ordinal);
        Assert.Equal(linesBefore, await Lines.GetAllAsync());
        Assert.Equal(profilesBefore, await Profiles.GetAllAsync());
    }

    [Fact]
    public async Task Changing_a_profile_reports_the_lines_that_use_it()
    {
        var profile = await Profiles.CreateFromPresetAsync("Yeastar S-series");
        await Lines.SaveAsync(new LineSettings { Number = 6, FeatureSync = true, PbxProfileId = profile.Id });
        await Lines.SaveAsync(new LineSettings { Number = 8, PbxProfileId = profile.Id });

        var result = await Importer.ImportAsync($"PBX{profile.Id} DND On Code :*84\n");

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Equal(new[] { 6, 8 }, result.LinesChanged);
        Assert.Equal("*84", (await Profiles.GetAsync(profile.Id))!.DndOnCode);
    }

    [Fact]
    public async Task A_profile_edit_that_stops_a_syncing_line_from_syncing_is_rejected()
    {
        var profile = await Profiles.CreateFromPresetAsync("Yeastar P-series");
        await Lines.SaveAsync(new LineSettings { Number = 1, FeatureSync = true, PbxProfileId = profile.Id });
        var text = $"""
            PBX{profile.Id} Sync Method :FeatureCodes
            PBX{profile.Id} Forward Always On Code :
            PBX{profile.Id} Forward Busy On Code :
            PBX{profile.Id} Forward No Answer On Code :
            """;

        var result = await Importer.ImportAsync(text);

        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal("*31", (await Profiles.GetAsync(profile.Id))!.ForwardAlwaysOnCode);
    }

    private static LineView WithoutToken(LineView line) => line with { ContactToken = "" };
}
