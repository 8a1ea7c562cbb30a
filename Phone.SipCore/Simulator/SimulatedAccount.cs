using Phone.SipCore.Configuration;

namespace Phone.SipCore.Simulator;

/// <summary>
/// One user of the simulated PBX: the digest credentials it registers with and, optionally,
/// the preset whose feature codes it dials (else the simulator's <see cref="PbxSimulatorOptions.CodeProfile"/>).
/// </summary>
public sealed record SimulatedAccount(string User, string Password, PbxProfile? CodeProfile = null)
{
    // The password stays out of logs and test output.
    public override string ToString() => $"SimulatedAccount {{ User = {User}, CodeProfile = {CodeProfile?.Name} }}";
}
