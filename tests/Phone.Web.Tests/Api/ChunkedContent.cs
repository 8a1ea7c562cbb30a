using System.Net;
using System.Net.Http.Headers;

namespace Phone.Web.Tests.Api;

/// <summary>
/// A body whose length is not known up front, so it goes without Content-Length (chunked), as
/// a streaming client sends it: a server can only count such a body as it reads it.
/// </summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedContent(byte[] bytes, string mediaType)
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _bytes.Length; offset += 8192)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(8192, _bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
