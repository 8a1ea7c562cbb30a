using Microsoft.AspNetCore.DataProtection;

namespace Phone.Storage.Provisioning;

/// <summary>
/// Encrypts the provisioning server's password at rest, as <see cref="SipPasswordProtector"/>
/// does for SIP passwords; its own purpose string keeps the two kinds of ciphertext apart.
/// </summary>
public sealed class ProvisioningPasswordProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Phone.Storage.ProvisioningPassword.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
