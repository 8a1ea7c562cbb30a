namespace Phone.Web.Application;

/// <summary>How deleting a PBX profile ended.</summary>
public enum ProfileDeleteOutcome
{
    Deleted,

    /// <summary>No profile has that id; nothing changed.</summary>
    NotFound,

    /// <summary>Lines still use the profile; nothing was deleted.</summary>
    InUse,
}
