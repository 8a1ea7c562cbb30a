using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Transport;
using Phone.Storage.Lines;
using Phone.Storage.Recovery;
using Phone.Web.Localization;
using Phone.Web.Status;

namespace Phone.Web.Api;

/// <summary><c>GET /api/status</c> and the feature changes <c>POST /api/lines/{n}/dnd|forward/...</c>.</summary>
internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetStatusAsync);
        api.MapPost("/lines/{n:int}/dnd", (int n, DndRequest body, FeatureChangeEndpoint endpoint, CancellationToken ct) =>
            endpoint.RequestAsync(n, new FeatureWish(FeatureKind.Dnd, new FeatureValue(body.Enabled), FeatureOrigin.Web), ct));
        api.MapPost("/lines/{n:int}/forward/{kind}", (int n, string kind, ForwardRequest body, FeatureChangeEndpoint endpoint,
                CancellationToken ct) =>
            ForwardKind(kind) is { } k
                ? endpoint.RequestAsync(n, new FeatureWish(k, new FeatureValue(body.Enabled, body.Target, body.RingCount), FeatureOrigin.Web), ct)
                : Task.FromResult<IResult>(TypedResults.NotFound()));
        return api;
    }

    internal static async Task<StatusModel> ReadStatusAsync(LineStatusReader reader, SipListener listener,
        StorageRecoveryStatus recovery, SyncLogRenderer words, CancellationToken ct)
    {
        var lines = await reader.GetAllAsync(ct);
        return new StatusModel(listener.LocalEndPoint?.Port, lines.Select(l => LineStatusModel.From(l, words)).ToList(),
            StorageRecoveryModel.From(recovery.Recovery));
    }

    private static async Task<IResult> GetStatusAsync(LineStatusReader reader, SipListener listener,
        StorageRecoveryStatus recovery, SyncLogRenderer words, CancellationToken ct) =>
        TypedResults.Ok(await ReadStatusAsync(reader, listener, recovery, words, ct));

    private static FeatureKind? ForwardKind(string kind) => kind switch
    {
        "always" => FeatureKind.ForwardAlways,
        "busy" => FeatureKind.ForwardBusy,
        "noAnswer" => FeatureKind.ForwardNoAnswer,
        _ => null,
    };
}
