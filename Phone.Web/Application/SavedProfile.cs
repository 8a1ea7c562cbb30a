using Phone.SipCore.Configuration;

namespace Phone.Web.Application;

/// <summary>A stored PBX profile and the lines that use it (the ones re-applied after an update).</summary>
public sealed record SavedProfile(PbxProfile Profile, IReadOnlyList<int> UsedByLines);
