using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Phone.TestSupport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// Issue 14 target 7, a damaged database is not a crash: the real Phone.Web process stores line
/// 1's settings (and so takes a good copy), is killed with SIGKILL, its database is damaged as
/// flash loss or a careless copy would, and it is started again. It must come up (/healthz),
/// keep the damaged file aside, show line 1's settings from the good copy on /api/lines/1, say
/// what happened on /api/status, on a signed-in page and on the sign-in page, and log one line
/// naming both files; with no good copy it starts with defaults and says so.
/// </summary>
public sealed class DamagedDatabaseTests(ITestOutputHelper output) : IDisposable
{
    private const string BannerTitle = "The settings database was damaged.";
    private const string NoCopyStatement = "No good copy: started with default settings; lines and profiles must be set up again.";

    private readonly string _data = Directory.CreateTempSubdirectory("featuresync-damaged-").FullName;
    private readonly string _other = Directory.CreateTempSubdirectory("featuresync-other-").FullName;

    private string Database => Path.Combine(_data, "featuresync.db");

    [Fact]
    public async Task Random_bytes_in_place_of_the_database_start_a_phone_with_the_good_copys_settings()
    {
        await StoreSettingsAsync(_data, "2001", "Front desk");
        DatabaseDamage.RandomBytes(Database);
        await AssertRestoredAsync();
    }

    [Fact]
    public async Task A_database_cut_at_half_starts_a_phone_with_the_good_copys_settings()
    {
        await StoreSettingsAsync(_data, "2001", "Front desk");
        DatabaseDamage.CutAtHalf(Database);
        await AssertRestoredAsync();
    }

    [Fact]
    public async Task A_page_overwritten_in_the_middle_starts_a_phone_with_the_good_copys_settings()
    {
        await StoreSettingsAsync(_data, "2001", "Front desk");
        var page = DatabaseDamage.OverwriteMiddlePage(Database);
        output.WriteLine($"overwrote page {page}");
        await AssertRestoredAsync();
    }

    [Fact]
    public async Task A_wal_file_from_another_phone_beside_a_good_database_is_not_applied()
    {
        await StoreSettingsAsync(_data, "2001", "Front desk");
        await StoreSettingsAsync(_other, "9999", "Another phone");
        var foreignWal = Path.Combine(_other, "featuresync.db-wal");
        Assert.True(new FileInfo(foreignWal).Length > 0, "the other phone left a WAL (killed)");

        DatabaseDamage.PutForeignWal(Database, foreignWal);

        var status = await AssertRestoredAsync();
        Assert.Contains("another database", status.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_good_copy_the_phone_starts_with_defaults_and_says_so()
    {
        await StoreSettingsAsync(_data, "2001", "Front desk");
        DatabaseDamage.RandomBytes(Database);
        File.Delete(Database + ".good-1");
        File.Delete(Database + ".good-2");

        await using var web = await PhoneWebProcess.StartAsync(_data);

        var line = await web.Client.GetFromJsonAsync<JsonElement>("/api/lines/1");
        Assert.Equal("", line.GetProperty("user").GetString());
        Assert.False(line.GetProperty("enabled").GetBoolean());
        var recovery = await RecoveryAsync(web);
        Assert.True(recovery.GetProperty("startedWithDefaults").GetBoolean());
        Assert.Equal(JsonValueKind.Null, recovery.GetProperty("restoredCopy").ValueKind);
        var damaged = Assert.Single(DatabaseDamage.DamagedFiles(_data));
        Assert.Equal(damaged, recovery.GetProperty("damagedFile").GetString());
        Assert.Equal(5000, new FileInfo(damaged).Length);

        foreach (var page in await PagesAsync(web))
        {
            Assert.Contains(BannerTitle, page, StringComparison.Ordinal);
            Assert.Contains(NoCopyStatement, page, StringComparison.Ordinal);
            Assert.Contains(damaged, page, StringComparison.Ordinal);
        }
        // The same statement in Chinese (StorageText.zh-CN.resx, Recovery.*) on the sign-in page switched to Chinese.
        using (var anonymous = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) })
        {
            var chinese = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/login?culture=zh-CN&ui-culture=zh-CN"));
            Assert.Contains("设置数据库已损坏。", chinese, StringComparison.Ordinal);
            Assert.Contains("没有完好的副本：已使用默认设置启动；线路和配置文件需要重新设置。", chinese, StringComparison.Ordinal);
        }
        var logged = Assert.Single(LogLines(web), l => l.Contains(damaged, StringComparison.Ordinal));
        Assert.Contains("no good copy: started with default settings", logged, StringComparison.Ordinal);
        Assert.Contains(Database, logged, StringComparison.Ordinal);
        output.WriteLine(logged);
    }

    /// <summary>Starts the phone on <paramref name="data"/>, stores line 1, waits for the good copy to hold it, then SIGKILL.</summary>
    private static async Task StoreSettingsAsync(string data, string user, string label)
    {
        await using var web = await PhoneWebProcess.StartAsync(data);
        var put = await web.Client.PutAsJsonAsync("/api/lines/1", new
        {
            enabled = false, label, user, registrar = "127.0.0.1", port = 5060,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var copy = Path.Combine(data, "featuresync.db.good-1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (UserIn(copy) != user)
        {
            await Task.Delay(20, timeout.Token);
        }
        await web.KillAsync();
    }

    /// <summary>Line 1's user in a good copy, or null while there is none (or it is being replaced).</summary>
    private static string? UserIn(string copy)
    {
        if (!File.Exists(copy))
        {
            return null;
        }
        try
        {
            using var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT user FROM line WHERE number = 1;";
            return command.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>Starts the phone again and checks everything a restore from <c>.good-1</c> must show; returns storageRecovery.</summary>
    private async Task<JsonElement> AssertRestoredAsync()
    {
        await using var web = await PhoneWebProcess.StartAsync(_data);

        var line = await web.Client.GetFromJsonAsync<JsonElement>("/api/lines/1");
        Assert.Equal("2001", line.GetProperty("user").GetString());
        Assert.Equal("Front desk", line.GetProperty("label").GetString());

        var recovery = await RecoveryAsync(web);
        Assert.False(recovery.GetProperty("startedWithDefaults").GetBoolean());
        var copy = Database + ".good-1";
        Assert.Equal(copy, recovery.GetProperty("restoredCopy").GetString());
        var damaged = Assert.Single(DatabaseDamage.DamagedFiles(_data));
        Assert.Equal(damaged, recovery.GetProperty("damagedFile").GetString());
        // The killed process left its WAL; it went aside with the damaged file, never applied to the restored one.
        Assert.True(File.Exists(damaged + "-wal"), "the WAL was moved aside with its database");

        foreach (var page in await PagesAsync(web))
        {
            Assert.Contains(BannerTitle, page, StringComparison.Ordinal);
            Assert.Contains(damaged, page, StringComparison.Ordinal);
            Assert.Contains(copy, page, StringComparison.Ordinal);
        }
        var logged = Assert.Single(LogLines(web), l => l.Contains(damaged, StringComparison.Ordinal));
        Assert.Contains(copy, logged, StringComparison.Ordinal);
        output.WriteLine(logged);
        return recovery;
    }

    private static async Task<JsonElement> RecoveryAsync(PhoneWebProcess web)
    {
        using var status = await web.Client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var body = await status.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("storageRecovery");
    }

    /// <summary>A signed-in page (main layout, Basic credentials) and the sign-in page (no credentials).</summary>
    private static async Task<IReadOnlyList<string>> PagesAsync(PhoneWebProcess web)
    {
        var signedIn = WebUtility.HtmlDecode(await web.Client.GetStringAsync("/lines"));
        using var anonymous = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        var login = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/login"));
        Assert.Contains("data-testid=\"storage-recovery-banner\"", signedIn, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"storage-recovery-banner\"", login, StringComparison.Ordinal);
        return [signedIn, login];
    }

    /// <summary>The process's console output, one logger entry per item (the console logger writes two lines per entry).</summary>
    private static IReadOnlyList<string> LogLines(PhoneWebProcess web)
    {
        var lines = web.Output.Split('\n');
        var entries = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal))
            {
                entries.Add(lines[i].Trim() + " " + (i + 1 < lines.Length ? lines[i + 1].Trim() : ""));
            }
        }
        return entries;
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _data, _other })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
