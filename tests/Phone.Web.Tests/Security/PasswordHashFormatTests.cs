using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phone.Storage;
using Phone.Storage.Admin;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

/// <summary>PasswordHasher (v2) for new hashes; our old PBKDF2 format (v1) still verifies and is replaced.</summary>
public sealed class PasswordHashFormatTests
{
    // Written by the PBKDF2-SHA256 code this format replaces, for "old-format-password".
    private const string OldPassword = "old-format-password";
    private const string OldHash = "pbkdf2-sha256$100000$AQIDBAUGBwgJCgsMDQ4PEA==$U2O38uy+tzSXXSZL1MgV0zWQbT1DMYdvUfy86iFi3J0=";

    [Fact]
    public void New_hashes_are_versioned_PasswordHasher_output_and_the_old_format_is_recognised()
    {
        var hash = PasswordHashing.Hash("correct horse");

        Assert.StartsWith(PasswordHashing.CurrentPrefix, hash);
        Assert.Equal(PasswordHashVersion.V2, PasswordHashing.VersionOf(hash));
        Assert.Equal(PasswordHashVersion.V1, PasswordHashing.VersionOf(OldHash));
        Assert.Equal(PasswordHashVersion.Unknown, PasswordHashing.VersionOf("AQAAAAIAAYagAAAAE"));
        var hasher = new PasswordHasher<AdminAccount>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(null!, hash[PasswordHashing.CurrentPrefix.Length..], "correct horse"));
        Assert.Equal(PasswordVerificationResult.Success, PasswordHashing.Check(hasher, "correct horse", hash));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, PasswordHashing.Check(hasher, OldPassword, OldHash));
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHashing.Check(hasher, "old-format-passworD", OldHash));
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHashing.Check(hasher, "x", "v2$not base64!"));
        // Without a prefix PasswordHasher output is not ours: no verifier applies.
        Assert.Equal(PasswordVerificationResult.Failed, PasswordHashing.Check(hasher, "correct horse", hash[PasswordHashing.CurrentPrefix.Length..]));
    }

    [Fact]
    public async Task An_old_format_hash_verifies_at_sign_in_and_is_stored_again_in_the_new_format()
    {
        using var factory = new PhoneWebFactory();
        var stored = await OldHashStoredAsync(factory);
        var stampBefore = (await stored.GetAsync(AdminAccount.UserName))!.SecurityStamp;

        using var session = await CookieSession.SignInAsync(factory, OldPassword);

        var rehashed = await stored.GetHashAsync(AdminAccount.UserName);
        Assert.StartsWith(PasswordHashing.CurrentPrefix, rehashed);
        Assert.True(PasswordHashing.Verify(OldPassword, rehashed!));
        // Same password, so the sessions stay: the stamp is unchanged and this one is signed in.
        Assert.Equal(stampBefore, (await stored.GetAsync(AdminAccount.UserName))!.SecurityStamp);
        Assert.True(await session.IsSignedInAsync());
        using var basic = factory.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader(password: OldPassword);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_against_an_old_format_hash_fails_and_leaves_it()
    {
        using var factory = new PhoneWebFactory();
        var stored = await OldHashStoredAsync(factory);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var wrong = await PhoneWebFactory.PostLoginAsync(client, PhoneWebFactory.AdminUser, "old-format-passworD");

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(OldHash, await stored.GetHashAsync(AdminAccount.UserName));
        using var basic = factory.CreateAnonymousClient();
        basic.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader(password: PhoneWebFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_v2_hash_the_hasher_would_now_make_stronger_is_rehashed_on_success()
    {
        var directory = Path.Combine(Path.GetTempPath(), "featuresync-admin", Guid.NewGuid().ToString("N"));
        try
        {
            var database = new PhoneDatabase(directory);
            database.Initialize();
            var repository = new AdminCredentialRepository(database, TimeProvider.System);
            var weak = new PasswordHasher<AdminAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));
            await repository.CreateIfMissingAsync(AdminAccount.UserName, PasswordHashing.Hash(weak, "weakly-hashed"));
            var before = await repository.GetHashAsync(AdminAccount.UserName);
            var account = new AdminAccount(repository);

            Assert.False(await account.VerifyAsync(AdminAccount.UserName, "wrong-password", CancellationToken.None));
            Assert.Equal(before, await repository.GetHashAsync(AdminAccount.UserName));
            Assert.True(await account.VerifyAsync(AdminAccount.UserName, "weakly-hashed", CancellationToken.None));

            var after = await repository.GetHashAsync(AdminAccount.UserName);
            Assert.NotEqual(before, after);
            Assert.Equal(PasswordVerificationResult.Success,
                PasswordHashing.Check(new PasswordHasher<AdminAccount>(), "weakly-hashed", after));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<AdminCredentialRepository> OldHashStoredAsync(PhoneWebFactory factory)
    {
        using (var client = factory.CreateAnonymousClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }
        var repository = factory.Services.GetRequiredService<AdminCredentialRepository>();
        // As an install from before this change left it (the hash alone; no session to keep).
        await repository.SetHashAsync(AdminAccount.UserName, OldHash);
        return repository;
    }
}
