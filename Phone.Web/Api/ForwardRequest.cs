namespace Phone.Web.Api;

/// <summary>The body of <c>POST /api/lines/{n}/forward/{always|busy|noAnswer}</c>.</summary>
public sealed record ForwardRequest(bool Enabled, string? Target, int? RingCount);
