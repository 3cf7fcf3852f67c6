namespace Volunteer96345.Components;

internal static class BackOfficeModule
{
    public static void AddBackOffice(this WebApplicationBuilder builder)
    {
        // Package assets (AntDesign's css/js) are read from the build's manifest only in Development by default;
        // this makes `dotnet run` serve them in any environment. A published app has no such manifest and is unaffected.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddAntDesign();
        builder.Services.AddTransient<Ui.PageChanges>();
    }

    public static void MapBackOffice(this WebApplication app)
    {
        app.MapStaticAssets();
        // The frame-ancestors rule is part of the app-wide Content-Security-Policy (PublicDeployment), not a second header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }
}
