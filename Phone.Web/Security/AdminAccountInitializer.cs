namespace Phone.Web.Security;

/// <summary>
/// On the first start, stores the admin password: from <c>FEATURESYNC_ADMIN_PASSWORD</c>,
/// else <c>FeatureSync:AdminPassword</c>, else a random one printed once to the console and
/// written to <see cref="InitialPasswordFile"/>. Runs after storage's initializer (registered
/// later), so the table exists.
/// </summary>
/// <param name="console">Where the generated password is printed; the process console unless a test says otherwise.</param>
/// <param name="passwordFile">Where the generated password is also written; none unless given.</param>
internal sealed class AdminAccountInitializer(AdminAccount account, IConfiguration configuration,
    ILogger<AdminAccountInitializer> logger, TextWriter? console = null, InitialPasswordFile? passwordFile = null) : IHostedService
{
    public const string EnvironmentVariable = "FEATURESYNC_ADMIN_PASSWORD";
    public const string ConfigurationKey = "FeatureSync:AdminPassword";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration[ConfigurationKey];
        var password = string.IsNullOrEmpty(configured) ? PasswordHashing.Generate() : configured;
        if (!await account.CreateAsync(password, cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        if (string.IsNullOrEmpty(configured))
        {
            // Printed to the console only, never to the log files: this is the one time it is shown.
            var output = console ?? Console.Out;
            await output.WriteLineAsync($"FeatureSync admin account created. User: {AdminAccount.UserName}  Password: {password}");
            if (passwordFile?.Write(password) == true)
            {
                await output.WriteLineAsync($"The password is also in {passwordFile.Path} (readable by this user only) until it is changed.");
            }
            await output.WriteLineAsync("Change it on the Password page after signing in.");
        }
        logger.LogInformation("Admin account created ({Source})", string.IsNullOrEmpty(configured) ? "generated password" : "configured password");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
