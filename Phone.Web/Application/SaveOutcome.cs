namespace Phone.Web.Application;

/// <summary>How a settings write ended.</summary>
public enum SaveOutcome
{
    /// <summary>Written, and the affected SIP lines were re-applied.</summary>
    Saved,

    /// <summary>A rule was broken; nothing was written. The failures name their fields.</summary>
    Invalid,

    /// <summary>The line or profile does not exist; nothing was written.</summary>
    NotFound,
}
