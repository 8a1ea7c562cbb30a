using Dapper;
using Phone.Storage.Admin;

namespace Phone.Storage.Tests;

/// <summary>The admin account's security stamp (schema v8): who may stay signed in.</summary>
public sealed class AdminSecurityStampTests : IDisposable
{
    private const string StampPattern = "^[0-9a-f]{32}$";

    private readonly string _directory = TestStorage.NewDirectory();

    public void Dispose() => TestStorage.DeleteDirectory(_directory);

    [Fact]
    public async Task A_new_account_has_a_stamp_and_a_password_change_replaces_it_naming_the_kept_session()
    {
        await using var storage = await TestStorage.StartAsync();
        var admin = storage.Get<AdminCredentialRepository>();
        Assert.Null(await admin.GetAsync("admin"));

        await admin.CreateIfMissingAsync("admin", "hash-1");
        var created = (await admin.GetAsync("admin"))!;
        Assert.Matches(StampPattern, created.SecurityStamp);
        Assert.Equal("", created.StampSession);
        Assert.Equal("hash-1", created.PasswordHash);

        await admin.ChangePasswordAsync("admin", "hash-2", "session-a");
        var changed = (await admin.GetAsync("admin"))!;
        Assert.Equal("hash-2", changed.PasswordHash);
        Assert.Matches(StampPattern, changed.SecurityStamp);
        Assert.NotEqual(created.SecurityStamp, changed.SecurityStamp);
        Assert.Equal("session-a", changed.StampSession);

        await admin.RotateSecurityStampAsync("admin");
        var rotated = (await admin.GetAsync("admin"))!;
        Assert.NotEqual(changed.SecurityStamp, rotated.SecurityStamp);
        Assert.Equal("", rotated.StampSession);
        Assert.Equal("hash-2", rotated.PasswordHash);
        Assert.DoesNotContain("hash-2", rotated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rehash_keeps_the_stamp_and_never_overwrites_a_hash_changed_meanwhile()
    {
        await using var storage = await TestStorage.StartAsync();
        var admin = storage.Get<AdminCredentialRepository>();
        await admin.CreateIfMissingAsync("admin", "old-format");
        var before = (await admin.GetAsync("admin"))!;

        Assert.True(await admin.RehashAsync("admin", "old-format", "new-format"));
        var after = (await admin.GetAsync("admin"))!;
        Assert.Equal("new-format", after.PasswordHash);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);

        // The hash it was computed from is gone: a password change won.
        Assert.False(await admin.RehashAsync("admin", "old-format", "stale"));
        Assert.Equal("new-format", await admin.GetHashAsync("admin"));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public async Task Migrating_an_existing_account_keeps_its_hash_and_gives_it_a_stamp(int version)
    {
        var database = new PhoneDatabase(_directory);
        using (var connection = database.Open())
        {
            Assert.Equal(version, SchemaMigrator.Migrate(connection, version));
            connection.Execute("INSERT INTO admin_account (user_name, password_hash, changed_at) VALUES ('admin', 'kept-hash', 't');");
        }

        Assert.Equal(SchemaMigrator.LatestVersion, database.Initialize());

        var migrated = (await new AdminCredentialRepository(database, TimeProvider.System).GetAsync("admin"))!;
        Assert.Equal("kept-hash", migrated.PasswordHash);
        Assert.Matches(StampPattern, migrated.SecurityStamp);
        Assert.Equal("", migrated.StampSession);
    }
}
