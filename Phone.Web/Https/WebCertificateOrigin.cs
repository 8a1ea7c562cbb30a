namespace Phone.Web.Https;

/// <summary>Where the served certificate came from; the start-up log says it.</summary>
public enum WebCertificateOrigin
{
    /// <summary>Generated on this start (the first, or the stored one had expired).</summary>
    Created,

    /// <summary>Generated on an earlier start and read back from the data directory.</summary>
    Stored,

    /// <summary>The admin's own, from <see cref="WebHttpsKeys.CertificatePath"/>.</summary>
    Configured,
}
