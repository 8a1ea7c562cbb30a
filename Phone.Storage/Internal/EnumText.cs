using System.Data;

namespace Phone.Storage.Internal;

/// <summary>Enums are stored by name; reading fails loudly rather than guessing.</summary>
internal static class EnumText
{
    public static T Parse<T>(string text, string column) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new DataException($"Column {column} holds '{text}', which is not a {typeof(T).Name}.");
}
