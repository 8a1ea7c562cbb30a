using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Tests.Usages;

/// <summary>Hands new requests for a user to a test's callback, as a line would.</summary>
internal sealed class UserRouter(Action<ServerTransaction> onRequest) : IIncomingRequestHandler
{
    public void OnRequest(ServerTransaction transaction) => onRequest(transaction);
}
