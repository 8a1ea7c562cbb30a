using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phone.TestSupport;
using Phone.Web.Security;

namespace Phone.Web.Tests.Security;

public sealed class InitialPasswordFileTests
{
    [Fact]
    public async Task A_generated_first_password_is_written_to_a_private_file_named_on_the_console_and_removed_at_the_first_change()
    {
        var console = new StringWriter();
        using var factory = new PhoneWebFactory().WithSetting(AdminAccountInitializer.ConfigurationKey, "")
            .WithServices(s => s.AddSingleton<TextWriter>(console));
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var file = Path.Combine(factory.DataDirectory, InitialPasswordFile.FileName);

        Assert.True(File.Exists(file), $"expected {file}");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var password = (await File.ReadAllTextAsync(file)).Trim();
        Assert.Equal(16, password.Length);
        var printed = console.ToString();
        Assert.Contains($"Password: {password}", printed, StringComparison.Ordinal);
        Assert.Contains(file, printed, StringComparison.Ordinal);
        client.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader(password: password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);

        var account = factory.Services.GetRequiredService<AdminAccount>();
        Assert.Equal("Password.WrongCurrent", await account.ChangeAsync("not-it", "changed-password", CancellationToken.None));
        Assert.True(File.Exists(file));
        Assert.Null(await account.ChangeAsync(password, "changed-password", CancellationToken.None));

        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_configured_password_writes_no_file()
    {
        using var factory = new PhoneWebFactory();
        using var client = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, InitialPasswordFile.FileName)));
    }
}
