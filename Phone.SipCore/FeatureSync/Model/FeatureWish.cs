namespace Phone.SipCore.FeatureSync.Model;

/// <summary>A change asked for on the phone side: by the web page, the API or a config import.</summary>
public sealed record FeatureWish(FeatureKind Kind, FeatureValue Value, FeatureOrigin Origin);
