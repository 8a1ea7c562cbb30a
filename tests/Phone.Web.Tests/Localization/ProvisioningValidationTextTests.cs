using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Provisioning;
using Phone.Web.Localization;

namespace Phone.Web.Tests.Localization;

/// <summary>Phone.Storage's provisioning rules carry error codes, so the forms and the API word them per language.</summary>
public sealed class ProvisioningValidationTextTests
{
    private readonly ValidationMessages _messages = new ServiceCollection().AddLogging().AddLocalization()
        .AddSingleton<ValidationMessages>().BuildServiceProvider().GetRequiredService<ValidationMessages>();

    private static readonly ProvisioningSettings Bad = new()
    {
        Url = "https://p.test/{serial}.xml",
        DeviceId = "a b",
        User = "x:y",
        IntervalHours = 200,
        CaCertificatePem = "not a certificate",
    };

    [Fact]
    public void Each_broken_rule_is_worded_in_Chinese_with_its_limits()
    {
        var texts = Messages("zh-CN", Bad);

        Assert.Equal("未知的占位符“{serial}”：只会替换 {mac} 和 {id}。", texts[nameof(ProvisioningSettings.Url)]);
        Assert.Equal("1 到 64 个字符，可用 A-Z、a-z、0-9、“.”、“_”和“-”（留空则使用 MAC 地址）。", texts[nameof(ProvisioningSettings.DeviceId)]);
        Assert.Equal("Basic 认证的用户名不能包含“:”（RFC 7617 2）。", texts[nameof(ProvisioningSettings.User)]);
        Assert.Equal($"0（关闭）或 1 到 {ProvisioningSettingsValidator.MaxIntervalHours} 小时。", texts[nameof(ProvisioningSettings.IntervalHours)]);
        Assert.Equal("必须是一个或多个 PEM 证书（-----BEGIN CERTIFICATE-----）。", texts[nameof(ProvisioningSettings.CaCertificatePem)]);
    }

    [Theory]
    [InlineData("https://p.test/{mac", "Braces are only allowed around the placeholders {mac} and {id}.", "花括号只能用于占位符 {mac} 和 {id}。")]
    [InlineData("ftp://p.test/{mac}.xml", "Must be an absolute http:// or https:// URL.", "必须是以 http:// 或 https:// 开头的完整 URL。")]
    public void The_url_problems_read_as_before_in_English_and_in_Chinese(string url, string english, string chinese)
    {
        Assert.Equal(english, Messages("en", new ProvisioningSettings { Url = url })[nameof(ProvisioningSettings.Url)]);
        Assert.Equal(chinese, Messages("zh-CN", new ProvisioningSettings { Url = url })[nameof(ProvisioningSettings.Url)]);
    }

    private Dictionary<string, string> Messages(string culture, ProvisioningSettings settings) => ResourceFileTests.In(culture, () =>
        new ProvisioningSettingsValidator().Validate(settings).Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => _messages.Of(g.First())));
}
