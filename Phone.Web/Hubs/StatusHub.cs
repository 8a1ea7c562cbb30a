using Microsoft.AspNetCore.SignalR;
using Phone.SipCore.Transport;
using Phone.Storage.Recovery;
using Phone.Web.Api;
using Phone.Web.Localization;
using Phone.Web.Status;

namespace Phone.Web.Hubs;

/// <summary>
/// <c>/hubs/status</c>: pushes <c>LineStateChanged</c> with the same line object as
/// <c>GET /api/status</c>; <see cref="GetStatus"/> returns the whole status on connect.
/// </summary>
public sealed class StatusHub(LineStatusReader reader, SipListener listener, StorageRecoveryStatus recovery, SyncLogRenderer words) : Hub
{
    public const string Path = "/hubs/status";
    public const string LineStateChanged = "LineStateChanged";

    public Task<StatusModel> GetStatus() => StatusEndpoints.ReadStatusAsync(reader, listener, recovery, words, Context.ConnectionAborted);
}
