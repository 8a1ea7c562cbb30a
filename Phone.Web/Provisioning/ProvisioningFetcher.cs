using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using Phone.Storage.Provisioning;

namespace Phone.Web.Provisioning;

/// <summary>
/// Fetches the provisioning file over HTTP(S): the server certificate checked against the
/// system store plus the admin's CA, a timeout per try, the body capped while it is read,
/// conditional requests so an unchanged file costs a 304, and retries with capped exponential
/// backoff and jitter for what may pass (network errors, timeouts, 5xx), never for a 4xx.
/// </summary>
public sealed class ProvisioningFetcher(ProvisioningOptions options, TimeProvider time, ILogger<ProvisioningFetcher> logger)
{
    public async Task<FetchResponse> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One handler per fetch: the CA may change between fetches, and a fetch is hours apart.
        using var handler = CreateHandler(request);
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        for (var tries = 1; ; tries++)
        {
            var (response, retry) = await TryOnceAsync(client, request, tries, cancellationToken);
            if (!retry || tries >= options.Tries)
            {
                return response;
            }
            var delay = Backoff(tries);
            logger.LogInformation("Provisioning try {Try} failed ({Detail}); next try in {Delay}", tries, response.Detail, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>first × 2^(n-1), capped, then scaled by a random 50-100% so retrying phones spread out.</summary>
    private TimeSpan Backoff(int tries)
    {
        var exponential = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, tries - 1);
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private SocketsHttpHandler CreateHandler(FetchRequest request)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            // The credentials go to the configured server only, never to where a redirect points.
            PreAuthenticate = false,
            AutomaticDecompression = DecompressionMethods.All,
        };
        if (request.ExtraRoots is { } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, chain, errors) => ProvisioningTls.Validate(certificate, chain, errors, roots);
        }
        return handler;
    }

    private async Task<(FetchResponse Response, bool Retry)> TryOnceAsync(HttpClient client, FetchRequest request, int tries,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var message = CreateMessage(request);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var failure = Classify(response.StatusCode);
            if (failure is { } outcome)
            {
                return (Failed(outcome, status, tries, Describe(response)), status >= 500);
            }
            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                return (Failed(ProvisioningOutcome.TooLarge, status, tries, TooLarge()), false);
            }
            var body = await ReadCappedAsync(response.Content, linked.Token);
            if (body is null)
            {
                return (Failed(ProvisioningOutcome.TooLarge, status, tries, TooLarge()), false);
            }
            return (new FetchResponse(null, status, Decode(body), response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"), body.Length, tries, $"{status} {response.ReasonPhrase}"), false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (Failed(ProvisioningOutcome.Timeout, null, tries,
                $"No complete answer within {options.Timeout.TotalSeconds:0.#} s."), true);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
        {
            // A certificate does not fix itself within seconds: no retry.
            return (Failed(ProvisioningOutcome.NetworkError, null, tries, $"TLS failed: {ex.InnerException.Message}"), false);
        }
        catch (HttpRequestException ex)
        {
            return (Failed(ProvisioningOutcome.NetworkError, null, tries, ex.Message), true);
        }
        catch (IOException ex)
        {
            // The connection broke while the body was read.
            return (Failed(ProvisioningOutcome.NetworkError, null, tries, ex.Message), true);
        }
    }

    private static HttpRequestMessage CreateMessage(FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
        if (request.User.Length > 0)
        {
            // RFC 7617: Basic, sent at once; the provisioning server is the one the admin configured.
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{request.User}:{request.Password}")));
        }
        // RFC 9110 13.1: an unchanged file is answered 304 and nothing is re-applied.
        if (request.Validators is { } validators && validators.Url == request.Url.ToString())
        {
            if (validators.ETag is { Length: > 0 } etag)
            {
                message.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
            if (validators.LastModified is { Length: > 0 } lastModified)
            {
                message.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }
        }
        return message;
    }

    private static ProvisioningOutcome? Classify(HttpStatusCode status) => (int)status switch
    {
        304 => ProvisioningOutcome.NotModified,
        401 or 403 => ProvisioningOutcome.Unauthorized,
        404 or 410 => ProvisioningOutcome.NotFound,
        >= 200 and < 300 => null,
        _ => ProvisioningOutcome.HttpError,
    };

    private static string Describe(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        304 => "304 Not Modified: the file is unchanged; nothing was re-applied.",
        401 or 403 => $"{(int)response.StatusCode} {response.ReasonPhrase}: the server refused the user name or password.",
        404 or 410 => $"{(int)response.StatusCode} {response.ReasonPhrase}: the server has no file at this URL.",
        _ => $"{(int)response.StatusCode} {response.ReasonPhrase}",
    };

    private string TooLarge() => $"The file is larger than {options.MaxBytes / 1024} KiB; it was not applied.";

    /// <summary>The body, or null once it passes the limit (counted as it arrives: Content-Length may be absent).</summary>
    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Decode(byte[] body)
    {
        // The config file is UTF-8 (the Chinese key names need it); a BOM is dropped.
        var span = body.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }
        return Encoding.UTF8.GetString(span);
    }

    private static FetchResponse Failed(ProvisioningOutcome outcome, int? status, int tries, string detail) =>
        new(outcome, status, null, null, null, 0, tries, detail);
}
