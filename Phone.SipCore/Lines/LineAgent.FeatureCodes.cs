using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Lines;

public sealed partial class LineAgent
{
    /// <summary>Feature-code sync: one INVITE to the code per change, never replayed.</summary>
    private FeatureChangeResult DialFeatureCode(FeatureWish wish)
    {
        var profile = _config.Profile!;
        var dial = profile.DialString(wish.Kind, wish.Value.Enabled, wish.Value.Target);
        if (dial is null)
        {
            var which = wish.Value.Enabled ? "on" : "off";
            return FeatureChangeResult.Refused(
                $"The PBX profile '{profile.Name}' has no {wish.Kind} {which} code; fill it in before this feature can sync on line {Line}.");
        }
        return FeatureChangeResult.Refused("Feature-code dialling is not wired into the line yet.");
    }
}
