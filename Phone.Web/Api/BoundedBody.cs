namespace Phone.Web.Api;

/// <summary>
/// Reads a body into memory, counting bytes as they arrive and stopping one byte past the
/// limit, so neither a missing nor a false Content-Length (chunked upload, a browser file's
/// declared size) lets more than the limit into memory.
/// </summary>
internal static class BoundedBody
{
    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel enforcing the same limit (set from the endpoint's metadata) got there first.
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>A request's body; see <see cref="ReadAsync(Stream, long?, long, CancellationToken)"/>.</summary>
    public static Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReadAsync(request.Body, request.ContentLength, limit, cancellationToken);
    }
}
