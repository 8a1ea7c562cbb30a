namespace Phone.Web.Application;

/// <summary>
/// The outcome of deleting a PBX profile. When refused, <see cref="LinesUsing"/> names the
/// lines that still use it and <see cref="Refusal"/> says so in a sentence.
/// </summary>
public sealed record ProfileDeleteResult(ProfileDeleteOutcome Outcome, IReadOnlyList<int> LinesUsing, string? Refusal)
{
    public static ProfileDeleteResult Deleted { get; } = new(ProfileDeleteOutcome.Deleted, [], null);

    public static ProfileDeleteResult NotFound { get; } = new(ProfileDeleteOutcome.NotFound, [], null);
}
