using Phone.Web.Status;
using FluentValidation;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

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

    private static async Task<IResult> CreateAsync(ProfileRequest body, PbxProfileRepository profiles, CancellationToken ct)
    {
        try
        {
            PbxProfile created;
            if (!string.IsNullOrWhiteSpace(body.Preset))
            {
                var preset = PbxPresets.Find(body.Preset);
                if (preset is null)
                {
                    return ValidationProblems.From(
                        [new(nameof(ProfileRequest.Preset), $"No preset named '{body.Preset}'. Presets: {string.Join(", ", PbxPresets.All.Select(p => p.Name))}.")],
                        ValidationProblems.CamelCase);
                }
                // Only a preset (and perhaps a name): the repository numbers a taken preset name.
                created = body with { Preset = null, Name = null } == ProfileRequest.Empty
                    ? await profiles.CreateFromPresetAsync(preset.Name, body.Name, ct)
                    : await profiles.CreateAsync(body.ApplyTo(preset), ct);
            }
            else
            {
                created = await profiles.CreateAsync(body.ApplyTo(new PbxProfile { Name = "" }), ct);
            }
            return TypedResults.Created($"/api/pbx-profiles/{created.Id}", ProfileModel.From(created, []));
        }
        catch (ValidationException ex)
        {
            return ValidationProblems.From(ex.Errors, ValidationProblems.CamelCase);
        }
    }

    private static async Task<IResult> UpdateAsync(int id, ProfileRequest body, PbxProfileRepository profiles,
        LineRepository lines, LineSettingsApplier applier, CancellationToken ct)
    {
        var stored = await profiles.GetAsync(id, ct);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var saved = await profiles.UpdateAsync(body.ApplyTo(stored) with { Id = id }, ct);
            var used = (await UsageAsync(lines, ct))[id].ToList();
            await applier.LinesChangedAsync(used, ct);
            return TypedResults.Ok(ProfileModel.From(saved, used));
        }
        catch (ValidationException ex)
        {
            return ValidationProblems.From(ex.Errors, ValidationProblems.CamelCase);
        }
    }

    private static async Task<IResult> DeleteAsync(int id, PbxProfileRepository profiles, CancellationToken ct)
    {
        try
        {
            return await profiles.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (ProfileInUseException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "The PBX profile is in use.",
                extensions: new Dictionary<string, object?> { ["lines"] = ex.Lines });
        }
    }
}
