using Microsoft.Extensions.Localization;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Lines;
using Phone.SipCore.SyncLog;
using Phone.Web.Application;
using Phone.Web.Localization;
using Phone.Web.Resources;
using Phone.Web.Status;

namespace Phone.Web.Api;

/// <summary>
/// <c>POST /api/lines/{n}/dnd|forward/...</c>: 202 only once the change is committed to the
/// database; 400 when the line refuses it; 503 when the line took it but it could not be stored.
/// </summary>
internal sealed class FeatureChangeEndpoint(LineRepository lines, AcknowledgedFeatureChanges changes, LineStatusReader reader,
    IStringLocalizer<StorageText> text, IStringLocalizer<ApiText> apiText, SyncLogRenderer words)
{
    public async Task<IResult> RequestAsync(int line, FeatureWish wish, CancellationToken ct)
    {
        if (await lines.GetAsync(line, ct) is null)
        {
            return TypedResults.NotFound();
        }
        var result = await changes.RequestAsync(line, wish, ct);
        switch (result.Outcome)
        {
            case ChangeAcknowledgement.Refused:
                // detail in the request's language; code names the refusal (null for text from outside the SIP core).
                return TypedResults.Problem(words.Detail(result.Error), statusCode: StatusCodes.Status400BadRequest,
                    title: apiText["Change.RefusedTitle"],
                    extensions: StatusPhrase.CodeOf(result.Error) is { } code ? new Dictionary<string, object?> { ["code"] = code } : null);
            case ChangeAcknowledgement.NotStored:
                // 503: the phone's storage failed, not the request; the caller may retry it.
                return TypedResults.Problem(text["NotStored.Detail", words.Detail(result.Error) ?? ""], statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: text["NotStored.Title"]);
        }
        // 202: taken and stored, but the server may not have confirmed it yet (see the standing).
        var status = await reader.GetAsync(line, ct);
        return TypedResults.Accepted($"/api/status", status is null ? null : LineStatusModel.From(status, words));
    }
}
