using Phone.SipCore.Lines;

namespace Phone.SipCore.Usages;

/// <summary>A registration state change, as the line agent and the pages see it.</summary>
/// <param name="IsNewBinding">True when this registration follows a time without one (boot,
/// failure, server change): subscriptions must be started again (docs/protocol.md 1.1).</param>
/// <param name="StatusCode">The registrar's final status (200, 403...); null when none came (timeout, DNS, transport).
/// The diagnosis reads it instead of parsing <paramref name="Detail"/>.</param>
public sealed record RegistrationSnapshot(RegistrationState State, string? Detail, DateTimeOffset? Until, bool IsNewBinding = false, int? StatusCode = null);
