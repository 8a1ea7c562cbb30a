namespace Phone.SipCore.FeatureSync.Model;

/// <summary>Who caused a feature's current value.</summary>
public enum FeatureOrigin
{
    Server,
    Phone,
    Web,
    Config,
}
