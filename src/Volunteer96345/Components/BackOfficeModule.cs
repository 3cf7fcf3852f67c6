namespace Volunteer96345.Components;

internal static class BackOfficeModule
{
    public static void AddBackOffice(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddAntDesign();
        builder.Services.AddScoped<Common.Auth.SignInService>();
    }

    public static void MapBackOffice(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
