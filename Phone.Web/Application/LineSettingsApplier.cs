using Phone.Web.Sip;

namespace Phone.Web.Application;

/// <summary>
/// Tells the SIP side that stored line settings changed (a saved line, an edited profile,
/// an imported file), so the affected lines re-register and resubscribe at once. Only
/// <see cref="SettingsService"/> calls it: a write and its re-application are one use case.
/// </summary>
/// <remarks>
/// The supervisor is resolved when a change arrives, not when a form is built: rendering an
/// editor must not need the SIP stack (component tests render editors without one).
/// </remarks>
public sealed class LineSettingsApplier(IServiceProvider services, ILogger<LineSettingsApplier> logger)
{
    public async Task LinesChangedAsync(IReadOnlyCollection<int> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            // A new profile, or a file that changed no line: nothing to restart, no SIP stack needed.
            return;
        }
        var supervisor = services.GetRequiredService<LineSupervisor>();
        foreach (var line in lines)
        {
            await supervisor.ApplyAsync(line, cancellationToken);
        }
        logger.LogInformation("Applied the settings of lines {Lines}", string.Join(", ", lines));
    }
}
