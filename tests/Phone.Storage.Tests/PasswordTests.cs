using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Phone.SipCore.Configuration;
using Phone.Storage.ConfigFile;
using Phone.Storage.Lines;
using Phone.TestSupport;

namespace Phone.Storage.Tests;

public sealed class PasswordTests : IAsyncLifetime
{
    private const string Secret = "Pa55-word-that-must-not-leak";

    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Password_is_not_in_the_database_file_as_plaintext()
    {
        await _storage.Get<LineRepository>().SaveAsync(new LineSettings { Number = 1, User = "2001", Password = Secret });
        using (var connection = _storage.Database.Open())
        {
            var stored = connection.ExecuteScalar<string>("SELECT password_protected FROM line WHERE number = 1;");
            Assert.False(string.IsNullOrEmpty(stored));
            Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
            connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearPool(connection);
        }

        foreach (var file in Directory.GetFiles(_storage.Directory, PhoneDatabase.FileName + "*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_storage.Directory, StorageHostingExtensions.KeysDirectoryName), "*.xml"));
    }

    [Fact]
    public async Task No_read_path_returns_the_password()
    {
        var lines = _storage.Get<LineRepository>();
        await lines.SaveAsync(new LineSettings { Number = 2, User = "2002", Password = Secret });

        var view = await lines.GetAsync(2);
        Assert.True(view!.HasPassword);
        Assert.Null(view.ToSettings().Password);
        Assert.DoesNotContain(Secret, view.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, (await lines.GetAllAsync()).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await _storage.Get<ConfigFileExporter>().ExportAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new LineSettings { Number = 2, Password = Secret }.ToString(), StringComparison.Ordinal);
        var credentials = await _storage.Get<LineCredentialReader>().GetAsync(2);
        Assert.DoesNotContain(Secret, credentials!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_decrypts_after_a_restart_with_the_persisted_keys()
    {
        await _storage.Get<LineRepository>().SaveAsync(new LineSettings { Number = 3, User = "2003", AuthUser = "a2003", Password = Secret });

        await _storage.ReopenAsync();

        var credentials = await _storage.Get<LineCredentialReader>().GetAsync(3);
        Assert.Equal(Secret, credentials!.Password);
        Assert.Equal("a2003", credentials.DigestUser);
    }

    [Fact]
    public async Task Every_lines_credentials_read_at_once_equal_the_ones_read_line_by_line()
    {
        var lines = _storage.Get<LineRepository>();
        await lines.SaveAsync(new LineSettings { Number = 1, User = "2001", AuthUser = "a2001", Password = Secret + "1" });
        await lines.SaveAsync(new LineSettings { Number = 2, User = "2002" });
        await lines.SaveAsync(new LineSettings { Number = 4, User = "2004", Password = Secret + "4" });
        var reader = _storage.Get<LineCredentialReader>();

        var all = await reader.GetAllAsync();

        Assert.Equal([1, 4], all.Keys.Order());
        foreach (var (number, credentials) in all)
        {
            Assert.Equal(await reader.GetAsync(number), credentials);
        }
        Assert.Equal(Secret + "4", all[4].Password);
        Assert.Equal("a2001", all[1].DigestUser);
        Assert.Null(await reader.GetAsync(2)); // no password: absent from both
    }

    [Fact]
    public async Task A_password_saved_under_keys_that_are_gone_reads_as_none_for_its_line_only()
    {
        var lines = _storage.Get<LineRepository>();
        await lines.SaveAsync(new LineSettings { Number = 1, User = "2001", Password = Secret });
        // Line 2's password is written after the keys are replaced, so it decrypts; line 1's does not.
        await _storage.ReopenAsync(whileStopped: () =>
            Directory.Delete(Path.Combine(_storage.Directory, StorageHostingExtensions.KeysDirectoryName), recursive: true));
        await _storage.Get<LineRepository>().SaveAsync(new LineSettings { Number = 2, User = "2002", Password = Secret + "2" });
        var log = new CapturingLogger<LineCredentialReader>();
        var reader = new LineCredentialReader(_storage.Database, _storage.Get<SipPasswordProtector>(), _storage.Get<StorageOptions>(), log);

        var all = await reader.GetAllAsync();

        Assert.Equal([2], all.Keys);
        Assert.Equal(Secret + "2", all[2].Password);
        Assert.Null(await reader.GetAsync(1));
        Assert.True((await _storage.Get<LineRepository>().GetAsync(1))!.HasPassword); // still stored: entering it again replaces it
        Assert.Equal(2, log.Lines.Count); // once per read, line 1 only
        Assert.All(log.Lines, line => Assert.StartsWith("Line 1's stored SIP password cannot be decrypted", line));
        Assert.All(log.Lines, line => Assert.Contains(Path.Combine(_storage.Directory, StorageHostingExtensions.KeysDirectoryName), line));
    }
}
