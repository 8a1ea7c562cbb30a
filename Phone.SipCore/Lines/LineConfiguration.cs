using Phone.SipCore.Configuration;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Lines;

/// <summary>Everything a line agent runs on: the line's settings, its PBX profile and its password.</summary>
public sealed record LineConfiguration(LineSettings Settings, PbxProfile? Profile, string Password)
{
    public int Line => Settings.Number;

    /// <summary>
    /// The line's token in its Contact (<c>;line=...</c>): stored with the line so it survives
    /// restarts; empty gives the agent a random one for its lifetime.
    /// </summary>
    public string ContactToken { get; init; } = "";

    /// <summary>Enabled and complete enough to register.</summary>
    public bool CanRegister => Settings.Enabled && Settings.User.Length > 0 && Settings.RegistrarHost.Length > 0;

    /// <summary>The method that applies to phone-side changes; null when the phone executes them itself.</summary>
    public SyncMethod? ActiveMethod => Settings.FeatureSync && Profile is { CanSync: true } p ? p.Method : null;

    /// <summary>
    /// Whether the line keeps a feature subscription: as-feature-event sync, or FortiVoice's
    /// subscription (DND and forwards both ways), which runs whatever the sync switch says
    /// (docs/protocol.md section 3).
    /// </summary>
    public bool NeedsSubscription => CanRegister && Profile is { } p &&
        (p.Method == SyncMethod.FeatureCodesWithAsFeatureEventDnd || (Settings.FeatureSync && p.Method == SyncMethod.AsFeatureEvent));

    public string EventPackage => Profile?.EventPackage is { Length: > 0 } package ? package : PbxProfile.DefaultEventPackage;

    public SipAccount ToAccount() => new()
    {
        User = Settings.User,
        DisplayName = Settings.DisplayName,
        AuthUser = Settings.AuthUser,
        Password = Password,
        Domain = Settings.RegistrarHost,
        Port = Settings.Port,
        Transport = Settings.Transport,
        OutboundProxy = Settings.OutboundProxy,
        RegistrationExpiry = Settings.RegistrationExpiry,
        ContactToken = ContactToken.Length > 0 ? ContactToken : null,
    };

    // The password stays out of logs and exception texts.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Settings = {Settings}, Profile = {Profile?.Name}");
        return true;
    }
}
