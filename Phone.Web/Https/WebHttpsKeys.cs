namespace Phone.Web.Https;

/// <summary>The configuration keys of the web admin's HTTPS; error messages name them.</summary>
public static class WebHttpsKeys
{
    /// <summary><c>true</c>: plain HTTP is redirected to HTTPS and HTTPS responses carry HSTS.</summary>
    public const string RequireHttps = "FeatureSync:Web:RequireHttps";

    /// <summary>The admin's own certificate (PEM or PFX) instead of the generated one.</summary>
    public const string CertificatePath = "FeatureSync:Web:Certificate:Path";

    /// <summary>The private key of a PEM certificate, when it is not in the certificate's file.</summary>
    public const string CertificateKeyPath = "FeatureSync:Web:Certificate:KeyPath";

    /// <summary>The PFX password, or the password of an encrypted PEM key.</summary>
    public const string CertificatePassword = "FeatureSync:Web:Certificate:Password";
}
