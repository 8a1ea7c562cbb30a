namespace Phone.SipCore.Configuration;

/// <summary>
/// The error codes of the shared validators' own messages. The messages written here are the
/// English fallback; Phone.Web words each code in the page's or the request's language
/// (ValidationText.resx, key <c>Validation.&lt;code&gt;</c>) with the failure's placeholders
/// ({PropertyName}, {PropertyValue}, {From}, {To}, and the rule's limits), so the SIP core needs
/// no resources and no reference to the web layer. Built-in FluentValidation messages (no code
/// of ours) come translated by FluentValidation's own language manager.
/// </summary>
public static class ValidationCodes
{
    public const string LineNumber = "LineNumber";
    public const string PlainText = "PlainText";
    public const string Required = "Required";
    public const string RequiredWhenEnabled = "RequiredWhenEnabled";
    public const string UserPart = "UserPart";
    public const string Password = "Password";
    public const string Host = "Host";
    public const string HostPort = "HostPort";
    public const string Range = "Range";
    public const string Seconds = "Seconds";
    public const string Transport = "Transport";
    public const string UnknownProfile = "UnknownProfile";
    public const string SyncNeedsProfile = "SyncNeedsProfile";
    public const string SyncNeedsCapableProfile = "SyncNeedsCapableProfile";
    public const string SyncMethod = "SyncMethod";
    public const string ForwardPattern = "ForwardPattern";
    public const string EventPackage = "EventPackage";
    public const string FeatureCode = "FeatureCode";
    public const string SameOnOffCode = "SameOnOffCode";
    public const string FeatureKind = "FeatureKind";
    public const string Standing = "Standing";
    public const string Origin = "Origin";
    public const string DndHasNoTarget = "DndHasNoTarget";
    public const string ForwardNeedsTarget = "ForwardNeedsTarget";
    public const string ForwardTarget = "ForwardTarget";

    // Phone.Storage's ProvisioningSettingsValidator ({Placeholder}: the unknown one; {To}: the longest interval).
    public const string ProvisioningUrl = "ProvisioningUrl";
    public const string ProvisioningUrlPlaceholder = "ProvisioningUrlPlaceholder";
    public const string ProvisioningUrlBraces = "ProvisioningUrlBraces";
    public const string DeviceId = "DeviceId";
    public const string BasicAuthUser = "BasicAuthUser";
    public const string ProvisioningInterval = "ProvisioningInterval";
    public const string CaCertificate = "CaCertificate";
}
