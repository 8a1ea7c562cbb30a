using Phone.Web.Sip;

namespace Phone.Web.Status;

/// <summary>
/// Tells the SIP side that stored line settings changed (a saved line, an edited profile,
/// an imported file), so the affected lines re-register and resubscribe at once.
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
        var supervisor = services.GetRequiredService<LineSupervisor>();
        foreach (var line in lines)
        {
            await supervisor.ApplyAsync(line, cancellationToken);
        }
        logger.LogInformation("Applied the settings of lines {Lines}", string.Join(", ", lines));
    }
}
