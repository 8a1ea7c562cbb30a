using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Configuration;
using Phone.SipCore.Lines;
using Phone.Storage.Features;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Web.Status;

/// <summary>
/// The status of every line as pages and the API show it: the live snapshot from the feed
/// when the SIP core has published one, else a snapshot built from storage (a line the
/// SIP core has not reached yet, e.g. right after start-up).
/// </summary>
public sealed class LineStatusReader(
    ILineStatusFeed feed,
    LineRepository lines,
    PbxProfileRepository profiles,
    FeatureStateRepository features,
    TimeProvider time)
{
    public async Task<IReadOnlyList<LineStatus>> GetAllAsync(CancellationToken cancellationToken)
    {
        var views = await lines.GetAllAsync(cancellationToken);
        var live = feed.Snapshot().ToDictionary(s => s.Line);
        if (views.All(v => live.ContainsKey(v.Number)))
        {
            return views.Select(v => live[v.Number]).ToList();
        }
        var stored = (await features.GetAllAsync(cancellationToken)).ToDictionary(f => f.Line);
        var byId = (await profiles.GetAllAsync(cancellationToken)).ToDictionary(p => p.Id);
        return views.Select(v => live.GetValueOrDefault(v.Number) ?? FromStorage(v, stored.GetValueOrDefault(v.Number), byId)).ToList();
    }

    public async Task<LineStatus?> GetAsync(int line, CancellationToken cancellationToken)
    {
        if (feed.Get(line) is { } live)
        {
            return live;
        }
        var view = await lines.GetAsync(line, cancellationToken);
        if (view is null)
        {
            return null;
        }
        var stored = await features.GetAsync(line, cancellationToken);
        var byId = (await profiles.GetAllAsync(cancellationToken)).ToDictionary(p => p.Id);
        return FromStorage(view, stored, byId);
    }

    private LineStatus FromStorage(LineView view, LineFeatureState? stored, Dictionary<int, PbxProfile> profiles)
    {
        var profile = view.PbxProfileId is { } id ? profiles.GetValueOrDefault(id) : null;
        return new LineStatus
        {
            Line = view.Number,
            Enabled = view.Enabled,
            Label = view.Label,
            User = view.User,
            FeatureSync = view.FeatureSync,
            Method = profile?.Method,
            SecondsPerRing = profile?.SecondsPerRing ?? PbxProfile.DefaultSecondsPerRing,
            Registration = view.Enabled ? RegistrationState.Idle : RegistrationState.Disabled,
            Features = stored ?? LineFeatureState.Initial(view.Number, time.GetUtcNow()),
            UpdatedAt = time.GetUtcNow(),
        };
    }
}
