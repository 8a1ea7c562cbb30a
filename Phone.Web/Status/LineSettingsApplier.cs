using Phone.Web.Sip;

namespace Phone.Web.Status;

/// <summary>
/// Tells the SIP side that stored line settings changed (a saved line, an edited profile,
/// an imported file), so the affected lines re-register and resubscribe at once.
/// </summary>
public sealed class LineSettingsApplier(LineSupervisor supervisor, ILogger<LineSettingsApplier> logger)
{
    public async Task LinesChangedAsync(IReadOnlyCollection<int> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            await supervisor.ApplyAsync(line, cancellationToken);
        }
        logger.LogInformation("Applied the settings of lines {Lines}", string.Join(", ", lines));
    }
}
