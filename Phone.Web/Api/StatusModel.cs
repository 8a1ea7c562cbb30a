namespace Phone.Web.Api;

/// <summary>The body of <c>GET /api/status</c>; <see cref="StorageRecovery"/> only after a damaged database was replaced.</summary>
public sealed record StatusModel(int? SipPort, IReadOnlyList<LineStatusModel> Lines, StorageRecoveryModel? StorageRecovery = null);
