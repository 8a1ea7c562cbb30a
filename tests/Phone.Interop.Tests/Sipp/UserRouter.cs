using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.Interop.Tests.Sipp;

/// <summary>Hands new requests for a user to a test's callback, as a line would (SipStack.RegisterUser).</summary>
public sealed class UserRouter(Action<ServerTransaction> onRequest) : IIncomingRequestHandler
{
    public void OnRequest(ServerTransaction transaction) => onRequest(transaction);
}
