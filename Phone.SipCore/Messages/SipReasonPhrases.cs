namespace Phone.SipCore.Messages;

/// <summary>Default reason phrases (RFC 3261 21, RFC 6665 8.3.1 for 489).</summary>
public static class SipReasonPhrases
{
    private static readonly Dictionary<int, string> Phrases = new()
    {
        [100] = "Trying", [180] = "Ringing", [181] = "Call Is Being Forwarded", [182] = "Queued",
        [183] = "Session Progress", [200] = "OK", [202] = "Accepted", [204] = "No Notification",
        [300] = "Multiple Choices", [301] = "Moved Permanently", [302] = "Moved Temporarily",
        [400] = "Bad Request", [401] = "Unauthorized", [403] = "Forbidden", [404] = "Not Found",
        [405] = "Method Not Allowed", [406] = "Not Acceptable", [407] = "Proxy Authentication Required",
        [408] = "Request Timeout", [413] = "Request Entity Too Large", [415] = "Unsupported Media Type",
        [416] = "Unsupported URI Scheme", [420] = "Bad Extension", [423] = "Interval Too Brief",
        [480] = "Temporarily Unavailable", [481] = "Call/Transaction Does Not Exist", [482] = "Loop Detected",
        [483] = "Too Many Hops", [486] = "Busy Here", [487] = "Request Terminated", [488] = "Not Acceptable Here",
        [489] = "Bad Event", [491] = "Request Pending", [500] = "Server Internal Error", [501] = "Not Implemented",
        [503] = "Service Unavailable", [504] = "Server Time-out", [505] = "Version Not Supported",
        [513] = "Message Too Large", [600] = "Busy Everywhere", [603] = "Decline", [604] = "Does Not Exist Anywhere",
    };

    /// <summary>The standard phrase, or a generic one for the status class.</summary>
    public static string Get(int statusCode) =>
        Phrases.TryGetValue(statusCode, out var phrase) ? phrase : (statusCode / 100) switch
        {
            1 => "Progress",
            2 => "Success",
            3 => "Redirection",
            4 => "Client Error",
            5 => "Server Error",
            _ => "Global Failure",
        };
}
