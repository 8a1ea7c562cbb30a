namespace Phone.Web.Demo;

/// <summary>
/// Whether the phone runs against its built-in PBX simulator: <c>--demo</c> on the command line
/// (also after the Docker image's entry point) or <c>FeatureSync:Demo=true</c> in configuration.
/// </summary>
public sealed record DemoMode(bool Enabled)
{
    public const string Switch = "--demo";
    public const string EnabledKey = "FeatureSync:Demo";
    public const string SimulatorPortKey = "FeatureSync:Demo:SimulatorPort";

    /// <summary>The admin password in demo mode when none is configured; the README names it.</summary>
    public const string DefaultAdminPassword = "demo";

    /// <summary>
    /// Turns the bare <c>--demo</c> switch into <c>--FeatureSync:Demo=true</c>: the command-line
    /// configuration provider would otherwise take the next argument as its value.
    /// </summary>
    public static string[] TranslateArgs(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase) ? $"--{EnabledKey}=true" : a)];
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        bool.TryParse(configuration[EnabledKey], out var on) && on;
}
