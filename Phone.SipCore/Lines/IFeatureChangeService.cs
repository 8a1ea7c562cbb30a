using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Lines;

/// <summary>
/// Entry point for phone-side changes from the web page, the API and config import. The
/// change is validated, then handed to the line's agent, which syncs it the way the line's
/// PBX profile says (SUBSCRIBE body, feature code, or local execution). The outcome reaches
/// the <see cref="ILineStatusFeed"/>.
/// </summary>
public interface IFeatureChangeService
{
    ValueTask<FeatureChangeResult> RequestAsync(int line, FeatureWish wish, CancellationToken cancellationToken);
}
