using Phone.Storage.Admin;

namespace Phone.Storage.Tests;

public sealed class AdminCredentialRepositoryTests
{
    [Fact]
    public async Task The_first_hash_is_kept_until_it_is_replaced_and_survives_a_restart()
    {
        await using var storage = await TestStorage.StartAsync();
        var admin = storage.Get<AdminCredentialRepository>();

        Assert.Null(await admin.GetHashAsync("admin"));
        Assert.True(await admin.CreateIfMissingAsync("admin", "hash-1"));
        Assert.False(await admin.CreateIfMissingAsync("admin", "hash-2"));
        Assert.Equal("hash-1", await admin.GetHashAsync("ADMIN"));

        await admin.SetHashAsync("admin", "hash-3");
        await storage.ReopenAsync();

        Assert.Equal("hash-3", await storage.Get<AdminCredentialRepository>().GetHashAsync("admin"));
    }
}
