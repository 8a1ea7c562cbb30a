using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Messages;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Dialogs;

/// <summary>
/// Every live dialog of the user agent. In-dialog requests are matched by Call-ID and our tag
/// (the To tag of what the peer sends), then checked against the remote tag, so the full
/// dialog id (RFC 3261 12) decides; a dialog we started is found while still early, which lets
/// a NOTIFY that overtakes the SUBSCRIBE's 2xx reach its subscription (RFC 6665 4.1.2.4).
/// Lookups run on the receive path; everything the dialog does runs on its owner's queue.
/// </summary>
public sealed class DialogTable
{
    private readonly ConcurrentDictionary<(string CallId, string LocalTag), DialogEntry> _entries = new();
    private readonly ConcurrentDictionary<string, DialogEntry> _byCallId = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public DialogTable(ILogger logger) => _logger = logger;

    public int Count => _entries.Count;

    /// <summary>Adds <paramref name="dialog"/>; before its request is sent, so the first answer finds it.</summary>
    public DialogEntry Add(SipDialog dialog, DialogOwner owner)
    {
        var entry = new DialogEntry(this, dialog, owner);
        if (!_entries.TryAdd((dialog.CallId, dialog.LocalTag), entry))
        {
            throw new InvalidOperationException($"A dialog with Call-ID {dialog.CallId} and tag {dialog.LocalTag} already exists.");
        }
        _byCallId[dialog.CallId] = entry;
        return entry;
    }

    /// <summary>The dialog a request names by Call-ID and To tag, if we have it.</summary>
    public bool TryFind(SipRequest request, out DialogEntry entry)
    {
        entry = null!;
        return request.ToTag is { } tag && _entries.TryGetValue((request.CallId, tag), out entry!);
    }

    /// <summary>The owner's trace tag of a dialog with this Call-ID, for the SIP trace.</summary>
    public object? TraceTagOf(string callId) => _byCallId.TryGetValue(callId, out var entry) ? entry.Owner.TraceTag : null;

    /// <summary>Whether a dialog with this Call-ID exists (tests, diagnostics).</summary>
    public bool Contains(string callId) => _byCallId.ContainsKey(callId);

    internal void Remove(DialogEntry entry)
    {
        var dialog = entry.Dialog;
        _entries.TryRemove(new KeyValuePair<(string, string), DialogEntry>((dialog.CallId, dialog.LocalTag), entry));
        _byCallId.TryRemove(new KeyValuePair<string, DialogEntry>(dialog.CallId, entry));
    }

    internal void OnRefused(DialogEntry entry, ServerTransaction transaction, DialogRequestCheck check)
    {
        // Debug only: a peer decides how often this happens, and the Call-ID is its text.
        _logger.LogDebug("{Method} in dialog {CallId} from {Remote} refused with {Status}: {Reason}",
            transaction.Request.Method, entry.Dialog.CallId, transaction.Remote, check.RefuseWith, check.Reason);
    }
}
