using Phone.SipCore.Transactions;

namespace Phone.SipCore.Stack;

/// <summary>
/// Takes out-of-dialog requests for a local identity (a line) or, as the stack's default
/// handler, those no identity claims. Called on the owner's queue; it must answer eventually.
/// </summary>
public interface IIncomingRequestHandler
{
    void OnRequest(ServerTransaction transaction);
}
