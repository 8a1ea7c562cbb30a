using Phone.Web.Localization;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;
using Phone.Web.Application;

namespace Phone.Web.Api;

/// <summary><c>/api/pbx-profiles</c> and <c>GET /api/pbx-presets</c>.</summary>
internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pbx-presets", () => TypedResults.Ok(PbxPresets.All.Select(p => ProfileModel.From(p, []))));
        api.MapGet("/pbx-profiles", async (PbxProfileRepository profiles, LineRepository lines, CancellationToken ct) =>
        {
            var all = await profiles.GetAllAsync(ct);
            var used = await UsageAsync(lines, ct);
            return TypedResults.Ok(all.Select(p => ProfileModel.From(p, used[p.Id].ToList())));
        });
        api.MapPost("/pbx-profiles", CreateAsync);
        api.MapPut("/pbx-profiles/{id:int}", UpdateAsync);
        api.MapDelete("/pbx-profiles/{id:int}", DeleteAsync);
        return api;
    }

    internal static async Task<ILookup<int, int>> UsageAsync(LineRepository lines, CancellationToken ct) =>
        (await lines.GetAllAsync(ct)).Where(l => l.PbxProfileId is not null).ToLookup(l => l.PbxProfileId!.Value, l => l.Number);

    private static async Task<IResult> CreateAsync(ProfileRequest body, SettingsService settings, ValidationMessages messages, CancellationToken ct)
    {
        var result = string.IsNullOrWhiteSpace(body.Preset)
            ? await settings.CreateProfileAsync(body.ApplyTo(new PbxProfile { Name = "" }), ct)
            // Only a preset (and perhaps a name): a taken preset name gets numbered.
            : body with { Preset = null, Name = null } == ProfileRequest.Empty
                ? await settings.CreateProfileFromPresetAsync(body.Preset, body.Name, ct)
                : await settings.CreateProfileFromEditedPresetAsync(body.Preset, body.ApplyTo, ct);
        return result.IsSaved
            ? TypedResults.Created($"/api/pbx-profiles/{result.Value.Profile.Id}", ToModel(result.Value))
            : ValidationProblems.From(result.Errors, ValidationProblems.CamelCase, messages);
    }

    private static async Task<IResult> UpdateAsync(int id, ProfileRequest body, PbxProfileRepository profiles,
        SettingsService settings, ValidationMessages messages, CancellationToken ct)
    {
        // PUT takes members left out from the stored profile.
        if (await profiles.GetAsync(id, ct) is not { } stored)
        {
            return TypedResults.NotFound();
        }
        var result = await settings.UpdateProfileAsync(body.ApplyTo(stored) with { Id = id }, ct);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Ok(ToModel(result.Value!)),
            SaveOutcome.NotFound => TypedResults.NotFound(),
            _ => ValidationProblems.From(result.Errors, ValidationProblems.CamelCase, messages),
        };
    }

    private static async Task<IResult> DeleteAsync(int id, SettingsService settings, CancellationToken ct)
    {
        var result = await settings.DeleteProfileAsync(id, ct);
        return result.Outcome switch
        {
            ProfileDeleteOutcome.Deleted => TypedResults.NoContent(),
            ProfileDeleteOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(result.Refusal, statusCode: StatusCodes.Status409Conflict, title: "The PBX profile is in use.",
                extensions: new Dictionary<string, object?> { ["lines"] = result.LinesUsing }),
        };
    }

    private static ProfileModel ToModel(SavedProfile saved) => ProfileModel.From(saved.Profile, saved.UsedByLines);
}
