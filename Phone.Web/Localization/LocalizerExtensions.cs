using Microsoft.Extensions.Localization;

namespace Phone.Web.Localization;

/// <summary>Label lookups the pages share on top of <see cref="IStringLocalizer"/>.</summary>
public static class LocalizerExtensions
{
    /// <summary>The label of an enum value, under the key <c>EnumType.Value</c> (e.g. <c>FeatureStanding.Pending</c>).</summary>
    public static string Of<TEnum>(this IStringLocalizer localizer, TEnum value) where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[$"{typeof(TEnum).Name}.{value}"].Value;
    }
}
