using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Phone.SipCore.Transport;
using Phone.Storage.Recovery;
using Phone.Web.Api;
using Phone.Web.Localization;
using Phone.Web.Status;

namespace Phone.Web.Hubs;

/// <summary>
/// <c>/hubs/status</c>: pushes <c>LineStatesChanged</c>, an array of the lines that changed (in line
/// order, each line once, at most <see cref="StatusHubBroadcaster.MaxLinesPerMessage"/>), each the
/// same line object as <c>GET /api/status</c>; <see cref="GetStatus"/> returns the whole status on connect. Each
/// connection gets its texts in the language of the request that opened it (the culture cookie,
/// else Accept-Language, as the pages and the API choose), through its culture's group.
/// </summary>
public sealed class StatusHub(LineStatusReader reader, SipListener listener, StorageRecoveryStatus recovery, SyncLogRenderer words,
    IOptions<RequestLocalizationOptions> localization, HubAudience audience) : Hub
{
    public const string Path = "/hubs/status";
    public const string LineStatesChanged = "LineStatesChanged";

    private const string CultureItem = "culture";

    public override async Task OnConnectedAsync()
    {
        var culture = await HubCultures.OfAsync(Context.GetHttpContext(), localization.Value);
        Context.Items[CultureItem] = culture;
        await Groups.AddToGroupAsync(Context.ConnectionId, HubCultures.GroupOf(culture), Context.ConnectionAborted);
        audience.Joined(culture);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(CultureItem, out var culture) && culture is string name)
        {
            audience.Left(name);
        }
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<StatusModel> GetStatus()
    {
        // The invocation may run outside the request's culture (long polling): word it in the connection's.
        var culture = Context.Items.TryGetValue(CultureItem, out var chosen) && chosen is string name ? name : UiCultures.English;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        return await StatusEndpoints.ReadStatusAsync(reader, listener, recovery, words, Context.ConnectionAborted);
    }
}
