using Phone.SipCore.Messages;

namespace Phone.SipCore.Tests.Usages;

/// <summary>Reading the phone's answers to the scripted server.</summary>
internal static class PeerResponses
{
    /// <summary>The next response with <paramref name="status"/>, skipping 100 Trying.</summary>
    public static async Task<SipResponse> NextAsync(this ScriptedPeer peer, int status)
    {
        while (true)
        {
            var response = await peer.NextResponseAsync();
            if (response.StatusCode == 100 && status != 100)
            {
                continue;
            }
            Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode} {response.ReasonPhrase} for {response.CSeq.Method.Name}");
            return response;
        }
    }

    public static void DrainResponses(this ScriptedPeer peer)
    {
        while (peer.Responses.Reader.TryRead(out _))
        {
        }
    }
}
