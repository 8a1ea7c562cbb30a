using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Web.Status;

/// <summary>Stands in when no SIP side has registered a change service: refuses every change, saying why.</summary>
internal sealed class UnavailableFeatureChangeService : IFeatureChangeService
{
    public ValueTask<FeatureChangeResult> RequestAsync(int line, FeatureWish wish, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FeatureChangeResult.Refused("The SIP core is not running; the change was not sent."));
}
