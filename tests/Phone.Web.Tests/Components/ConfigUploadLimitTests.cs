using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Lines;
using Phone.Web.Components.Pages.Config;

namespace Phone.Web.Tests.Components;

/// <summary>The Configuration page's upload has the API's limit and the API's words.</summary>
public sealed class ConfigUploadLimitTests : ComponentTestContext
{
    [Fact]
    public async Task A_file_over_1_MiB_is_refused_saying_the_limit_and_changes_nothing()
    {
        var page = Render<ConfigPage>();
        var file = new StringBuilder();
        while (file.Length <= 1024 * 1024)
        {
            file.Append("SIP1 Label :Too big\n");
        }

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file.ToString(), "big.cfg"));

        page.WaitForAssertion(() => Assert.Equal("The configuration file is larger than 1 MiB.", page.Find("p.error").TextContent));
        Assert.Empty(page.FindAll("[data-testid='upload-ok']"));
        Assert.Equal("", (await Services.GetRequiredService<LineRepository>().GetAsync(1))!.Label);
    }

    [Fact]
    public void A_file_just_under_1_MiB_is_read_and_applied()
    {
        // Comments only: this context has no SIP side to re-apply a changed line.
        var page = Render<ConfigPage>();
        var file = new StringBuilder();
        while (file.Length < 1024 * 1024 - 64)
        {
            file.Append("# padding comment\n");
        }

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file.ToString(), "big.cfg"));

        page.WaitForElement("[data-testid='upload-ok']", TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("p.error"));
    }
}
