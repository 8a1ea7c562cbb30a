namespace Phone.SipCore.Lines;

/// <summary>Where a line's registration stands (RFC 3261 section 10), as the pages show it.</summary>
public enum RegistrationState
{
    /// <summary>The line is switched off.</summary>
    Disabled,

    /// <summary>Enabled but not registering (e.g. no registrar set yet).</summary>
    Idle,

    Registering,

    Registered,

    /// <summary>The last attempt failed; a retry is scheduled with backoff.</summary>
    Failed,

    /// <summary>Unregistered on purpose (shutdown, line switched off).</summary>
    Unregistered,
}
