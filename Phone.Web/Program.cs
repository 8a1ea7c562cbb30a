using Phone.Web.Demo;
using Phone.Web.Hosting;

var builder = WebApplication.CreateBuilder(DemoMode.TranslateArgs(args));
builder.UseDefaultUrls();
builder.AddPhoneWeb();

var app = builder.Build();
app.UsePhoneWeb();
app.Run();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
