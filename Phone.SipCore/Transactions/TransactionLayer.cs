using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Phone.SipCore.Diagnostics;
using Phone.SipCore.Messages;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Transactions;

/// <summary>
/// Owns every live transaction (RFC 3261 section 17): starts client transactions, matches
/// responses to them, creates server transactions for new requests and absorbs
/// retransmissions. Bounded: past <see cref="MaxTransactions"/> new requests are refused.
/// </summary>
public sealed class TransactionLayer : IDisposable
{
    /// <summary>
    /// Stops a request flood growing memory. Sized from measurement, not guessed: a completed
    /// non-INVITE server transaction stays 64*T1 = 32 s on UDP (Timer J), so 1,000 lines taking
    /// 1,000 NOTIFYs/s keep about 32,000 alive; at 10,000 the NOTIFY storm test lost the last
    /// NOTIFYs of a 10,000 burst (absorbed unanswered), leaving the line on a stale state.
    /// </summary>
    public const int MaxTransactions = 65_536;

    private readonly ConcurrentDictionary<TransactionKey, ClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<TransactionKey, ServerTransaction> _servers = new();

    public TransactionLayer(ISipMessageSender sender, TimeProvider time, ILogger logger, TransactionTimers? timers = null)
    {
        Sender = sender;
        Time = time;
        Logger = logger;
        Timers = timers ?? new TransactionTimers();
        TimerJ = new TimerJReaper(time);
    }

    public TimeProvider Time { get; }

    public TransactionTimers Timers { get; }

    // Kept by hand: ConcurrentDictionary.Count takes every lock of the table, and with Timer J
    // holding 32 s of answered NOTIFYs (32,000 in a 1,000/s storm) the table has grown to
    // hundreds of locks; the bound check on every new request made that 7 % of the CPU.
    private int _count;

    /// <summary>Live client and server transactions.</summary>
    public int Count => Volatile.Read(ref _count);

    internal ISipMessageSender Sender { get; }

    internal ILogger Logger { get; }

    /// <summary>Ends completed non-INVITE server transactions when Timer J is over (one timer for all).</summary>
    internal TimerJReaper TimerJ { get; }

    /// <summary>Where answered NOTIFYs are counted; null: not counted.</summary>
    public SipMetrics? Metrics { get; init; }

    /// <summary>
    /// Sends <paramref name="request"/> in a new client transaction. Its top Via must carry a
    /// unique <c>z9hG4bK</c> branch (RFC 3261 8.1.1.7).
    /// </summary>
    public ClientTransaction StartClient(SipRequest request, SipEndPoint destination,
        Action<SipResponse>? onProvisional = null, Action<SipResponse>? on2xxRetransmission = null)
    {
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK is not sent in a transaction; send it directly.", nameof(request));
        }
        ClientTransaction transaction = request.Method == SipMethod.Invite
            ? new InviteClientTransaction(this, request, request.Buffer, destination)
            {
                OnProvisional = onProvisional,
                On2xxRetransmission = on2xxRetransmission,
            }
            : new NonInviteClientTransaction(this, request, request.Buffer, destination) { OnProvisional = onProvisional };
        if (!_clients.TryAdd(transaction.Key, transaction))
        {
            throw new InvalidOperationException($"A client transaction with branch {transaction.Key.Branch} already exists.");
        }
        Interlocked.Increment(ref _count);
        transaction.Start();
        return transaction;
    }

    /// <summary>Hands a response to its client transaction; false when none matches (stray).</summary>
    public bool HandleResponse(SipResponse response) => HandleResponse(response, out _);

    /// <summary>
    /// Hands a response to its client transaction; false when none matches (stray).
    /// <paramref name="passedUp"/> tells whether the transaction user got it (and may keep it);
    /// when it did not, the receiver still owns the only reference and may release it.
    /// </summary>
    public bool HandleResponse(SipResponse response, out bool passedUp)
    {
        passedUp = false;
        if (!_clients.TryGetValue(TransactionKey.ForClient(response), out var transaction))
        {
            return false;
        }
        passedUp = transaction.OnResponse(response);
        return true;
    }

    /// <summary>Matches a request to a server transaction, or creates one for the user.</summary>
    public ServerRequestResult HandleRequest(SipRequest request, SipEndPoint source)
    {
        var key = TransactionKey.ForServer(request);
        if (request.Method == SipMethod.Ack)
        {
            if (_servers.TryGetValue(key, out var invite) && invite is InviteServerTransaction ist
                && ist.LastResponse is { StatusCode: >= 300 })
            {
                ist.OnAck();
                return new ServerRequestResult(ServerRequestDisposition.Absorbed, null);
            }
            return new ServerRequestResult(ServerRequestDisposition.AckForDialog, null);
        }
        if (_servers.TryGetValue(key, out var existing))
        {
            existing.OnRetransmission();
            return new ServerRequestResult(ServerRequestDisposition.Absorbed, null);
        }
        if (Count >= MaxTransactions)
        {
            // Debug only: a flood decides how often this happens.
            Logger.LogDebug("Transaction table full ({Count}); {Method} from {Source} dropped", Count, request.Method, source);
            return new ServerRequestResult(ServerRequestDisposition.Absorbed, null);
        }
        ServerTransaction created = request.Method == SipMethod.Invite
            ? new InviteServerTransaction(this, request, source)
            : new NonInviteServerTransaction(this, request, source);
        if (!_servers.TryAdd(key, created))
        {
            _servers[key].OnRetransmission(); // lost a race with the same request's retransmission
            return new ServerRequestResult(ServerRequestDisposition.Absorbed, null);
        }
        Interlocked.Increment(ref _count);
        if (created is InviteServerTransaction inviteTransaction)
        {
            inviteTransaction.SendTrying();
        }
        return new ServerRequestResult(ServerRequestDisposition.New, created);
    }

    /// <summary>The INVITE server transaction a CANCEL refers to (RFC 3261 9.2), if still live.</summary>
    public InviteServerTransaction? FindInviteFor(SipRequest cancel) =>
        _servers.TryGetValue(TransactionKey.ForServer(cancel) with { Method = SipMethod.Invite.Name }, out var t)
            ? t as InviteServerTransaction
            : null;

    internal void Remove(SipTransaction transaction)
    {
        if (transaction is ClientTransaction client)
        {
            if (_clients.TryRemove(new KeyValuePair<TransactionKey, ClientTransaction>(client.Key, client)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
        else if (transaction is ServerTransaction server && _servers.TryRemove(new KeyValuePair<TransactionKey, ServerTransaction>(server.Key, server)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Dispose()
    {
        foreach (var transaction in _clients.Values)
        {
            transaction.Abort();
        }
        foreach (var transaction in _servers.Values)
        {
            transaction.Abort();
        }
        TimerJ.Dispose();
    }
}
