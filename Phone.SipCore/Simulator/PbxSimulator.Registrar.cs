using System.Globalization;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Simulator;

public sealed partial class PbxSimulator
{
    /// <summary>RFC 3261 10.3: authenticate, then add, refresh or remove the user's one binding.</summary>
    private void OnRegister(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var user = request.To.Uri?.UnescapedUser;
        if (user is null || !_users.ContainsKey(user))
        {
            transaction.Respond(404, "Not Found");
            return;
        }
        if (!Authenticate(transaction, user))
        {
            return;
        }
        if (!request.TryGetContacts(out var contacts))
        {
            transaction.Respond(400, "Bad Contact");
            return;
        }
        var contact = contacts.FirstOrDefault(c => !c.IsWildcard);
        var removeAll = contacts.Any(c => c.IsWildcard);
        var asked = contact?.Expires ?? request.Expires ?? (uint)_options.MaxRegistrationExpires;
        var granted = (int)Math.Min(asked, (uint)_options.MaxRegistrationExpires);
        var response = SipMessageBuilder.ForResponseTo(request, 200, null, SipIds.NewTag());
        lock (_gate)
        {
            var record = _users[user];
            if (removeAll || contact is null || granted == 0)
            {
                record.Contact = null;
                record.RegisteredUntil = null;
                record.LastEvent = "unregistered";
            }
            else
            {
                record.Contact = contact.Address!.UriText;
                record.RegisteredUntil = _time.GetUtcNow().AddSeconds(granted);
                record.LastEvent = $"registered from {transaction.Remote.EndPoint}";
                // RFC 3261 10.3 step 8: the 200 lists the binding with its expiry.
                response.AddHeader(HeaderId.Contact,
                    string.Create(CultureInfo.InvariantCulture, $"<{record.Contact}>;expires={granted}"));
            }
        }
        transaction.Respond(response.BuildResponse());
        Raise(user);
    }
}
