namespace Phone.Web.Api;

/// <summary>The body of <c>GET /api/status</c>.</summary>
public sealed record StatusModel(int? SipPort, IReadOnlyList<LineStatusModel> Lines);
