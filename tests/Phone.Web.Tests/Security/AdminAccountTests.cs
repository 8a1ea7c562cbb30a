using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.Storage;
using Phone.Storage.Admin;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

public sealed class AdminAccountTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "featuresync-admin", Guid.NewGuid().ToString("N"));
    private readonly AdminAccount _account;

    public AdminAccountTests()
    {
        var database = new PhoneDatabase(_directory);
        database.Initialize();
        _account = new AdminAccount(new AdminCredentialRepository(database, TimeProvider.System));
    }

    private AdminAccountInitializer Initializer(string? configured, TextWriter console) =>
        new(_account, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AdminAccountInitializer.ConfigurationKey] = configured,
        }).Build(), NullLogger<AdminAccountInitializer>.Instance, console);

    [Fact]
    public async Task Without_a_configured_password_a_random_one_is_printed_once_and_works()
    {
        var console = new StringWriter();

        await Initializer(null, console).StartAsync(CancellationToken.None);
        await Initializer(null, console).StartAsync(CancellationToken.None);

        var printed = console.ToString();
        var line = Assert.Single(printed.Split('\n'), l => l.Contains("Password:", StringComparison.Ordinal));
        var password = line[(line.IndexOf("Password:", StringComparison.Ordinal) + "Password:".Length)..].Trim();
        Assert.Equal(16, password.Length);
        Assert.True(await _account.VerifyAsync("admin", password, CancellationToken.None));
    }

    [Fact]
    public async Task A_configured_password_is_used_and_not_printed()
    {
        var console = new StringWriter();

        await Initializer("configured-pass", console).StartAsync(CancellationToken.None);

        Assert.Equal("", console.ToString());
        Assert.True(await _account.VerifyAsync("admin", "configured-pass", CancellationToken.None));
        Assert.False(await _account.VerifyAsync("Admin", "configured-pass", CancellationToken.None));
    }

    [Fact]
    public async Task A_start_with_the_account_stored_makes_no_hash_and_keeps_the_password()
    {
        // The hash costs a few hundred ms of a core, and every start runs the initializer.
        var hasher = new CountingHasher();
        var database = new PhoneDatabase(_directory);
        var account = new AdminAccount(new AdminCredentialRepository(database, TimeProvider.System), hasher);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AdminAccountInitializer.ConfigurationKey] = "first-password",
        }).Build();

        await new AdminAccountInitializer(account, configuration, NullLogger<AdminAccountInitializer>.Instance, new StringWriter())
            .StartAsync(CancellationToken.None);
        Assert.Equal(1, hasher.Hashes);

        // A restart with a different configured password: the stored one stays, nothing is hashed.
        configuration[AdminAccountInitializer.ConfigurationKey] = "second-password";
        await new AdminAccountInitializer(account, configuration, NullLogger<AdminAccountInitializer>.Instance, new StringWriter())
            .StartAsync(CancellationToken.None);

        Assert.Equal(1, hasher.Hashes);
        Assert.True(await account.VerifyAsync("admin", "first-password", CancellationToken.None));
        Assert.False(await account.VerifyAsync("admin", "second-password", CancellationToken.None));
    }

    /// <summary>ASP.NET Core's hasher, counting the hashes it makes.</summary>
    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<AdminAccount>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<AdminAccount> _real = new();

        public int Hashes { get; private set; }

        public string HashPassword(AdminAccount user, string password)
        {
            Hashes++;
            return _real.HashPassword(user, password);
        }

        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(AdminAccount user, string hashedPassword, string providedPassword) =>
            _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    [Fact]
    public void The_throttle_blocks_after_five_failures_and_forgets_after_the_window()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new LoginThrottle(time);
        var address = IPAddress.Parse("192.0.2.7");
        var other = IPAddress.Parse("192.0.2.8");

        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            throttle.RecordFailure(address);
        }
        Assert.Null(throttle.RetryAfter(address));
        throttle.RecordFailure(address);
        Assert.Equal(LoginThrottle.Window, throttle.RetryAfter(address));
        Assert.Null(throttle.RetryAfter(other));

        time.Advance(LoginThrottle.Window);
        Assert.Null(throttle.RetryAfter(address));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp cleaner gets it.
        }
    }
}
