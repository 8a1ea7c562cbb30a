using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Configuration;
using Phone.Storage.Lines;
using Phone.Web.Components.Pages.Lines;

namespace Phone.Web.Tests.Components;

public sealed class LineEditorTests : ComponentTestContext
{
    private IRenderedComponent<LineEditor> RenderEditor(int number = 1, IReadOnlyList<PbxProfile>? profiles = null)
    {
        var lines = Services.GetRequiredService<LineRepository>();
        var view = lines.GetAsync(number).GetAwaiter().GetResult()!;
        return Render<LineEditor>(p => p
            .Add(c => c.Line, view)
            .Add(c => c.Profiles, profiles ?? [])
            .Add(c => c.Interactive, true));
    }

    private static string MessagesBeside(IRenderedComponent<LineEditor> editor, string testId) =>
        string.Join(" ", editor.Find($"[data-testid='{testId}']").ParentElement!.QuerySelectorAll(".validation-message").Select(m => m.TextContent));

    [Fact]
    public async Task Saving_an_enabled_line_without_user_and_registrar_shows_the_messages_beside_the_fields()
    {
        var editor = RenderEditor();

        editor.Find("[data-testid='enabled']").Change(true);
        editor.Find("[data-testid='port']").Change("70000");
        editor.Find("form").Submit();

        Assert.Contains("User is required on an enabled line.", MessagesBeside(editor, "user"));
        Assert.Contains("Registrar Host is required on an enabled line.", MessagesBeside(editor, "registrar"));
        Assert.Contains("Port must be from 1 to 65535.", MessagesBeside(editor, "port"));
        Assert.Empty(MessagesBeside(editor, "label"));
        // Nothing was written.
        Assert.False((await Services.GetRequiredService<LineRepository>().GetAsync(1))!.Enabled);
    }

    [Fact]
    public void A_field_is_checked_as_soon_as_it_changes()
    {
        var editor = RenderEditor();

        editor.Find("[data-testid='user']").Change("bad user");

        Assert.Contains("user-part", MessagesBeside(editor, "user"));
        Assert.Empty(MessagesBeside(editor, "registrar"));
    }

    [Fact]
    public void Feature_sync_without_a_profile_is_explained_beside_the_switch()
    {
        var editor = RenderEditor();

        editor.Find("[data-testid='feature-sync']").Change(true);

        var text = editor.Find("[data-testid='feature-sync']").ParentElement!.ParentElement!.TextContent;
        Assert.Contains("needs a PBX profile", text);
    }

    [Fact]
    public async Task The_password_is_write_only()
    {
        var lines = Services.GetRequiredService<LineRepository>();
        await lines.SaveAsync(new LineSettings { Number = 2, Password = "very-secret" });

        var editor = RenderEditor(2);

        var password = editor.Find("[data-testid='password']");
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(password.GetAttribute("value")));
        Assert.DoesNotContain("very-secret", editor.Markup);
        Assert.Equal("stored — leave empty to keep", password.GetAttribute("placeholder"));
    }
}
