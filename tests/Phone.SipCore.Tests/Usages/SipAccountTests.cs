using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Usages;

public sealed class SipAccountTests
{
    [Fact]
    public void An_account_prints_everything_but_its_password()
    {
        var account = new SipAccount { User = "2001", Domain = "pbx.example.com", AuthUser = "auth2001", Password = "S3cret-Pa55" };

        var text = account.ToString();

        Assert.DoesNotContain("S3cret-Pa55", text);
        Assert.Contains("User = 2001", text);
        Assert.Contains("AuthUser = auth2001", text);
        Assert.Contains("Domain = pbx.example.com", text);
        Assert.Contains("Password = ***", text);
        Assert.Contains("Password = (none)", (account with { Password = "" }).ToString());
    }
}
