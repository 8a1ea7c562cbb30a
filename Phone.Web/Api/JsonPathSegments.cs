namespace Phone.Web.Api;

/// <summary>
/// Splits the path System.Text.Json puts on its exceptions (<c>$.transport</c>,
/// <c>$.hosts[2]</c>, <c>$['odd.name']</c>) into member names and array indexes.
/// </summary>
internal static class JsonPathSegments
{
    /// <summary>A member <see cref="Name"/>, or an array <see cref="Index"/>.</summary>
    public readonly record struct Segment(string Name, int? Index);

    /// <summary>The segments after <c>$</c>; none for the root, or for a path we cannot read.</summary>
    public static IReadOnlyList<Segment> Split(string? path)
    {
        var segments = new List<Segment>();
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return segments;
        }
        var i = 1;
        while (i < path.Length)
        {
            int end;
            if (path[i] == '.')
            {
                end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(new Segment(path[(i + 1)..end], null));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal)
                && (end = path.IndexOf("']", i + 2, StringComparison.Ordinal)) > 0)
            {
                segments.Add(new Segment(path[(i + 2)..end], null));
                i = end + 2;
            }
            else if (path[i] == '[' && (end = path.IndexOf(']', i)) > 0
                && int.TryParse(path.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                segments.Add(new Segment("", index));
                i = end + 1;
            }
            else
            {
                break;
            }
        }
        return segments;
    }
}
