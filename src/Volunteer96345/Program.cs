using Volunteer96345.Accounts;
using Volunteer96345.Activities;
using Volunteer96345.Common.Audit;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Notifications;
using Volunteer96345.Common.Web;
using Volunteer96345.Components;
using Volunteer96345.Data;
using Volunteer96345.Demo;
using Volunteer96345.Evaluation;
using Volunteer96345.Integration;
using Volunteer96345.Integration.Notifications;
using Volunteer96345.Network;
using Volunteer96345.People;
using Volunteer96345.Points;
using Volunteer96345.StationServices;
using Volunteer96345.WorkOrders;

// No configuration reload: it watches the content root, and the SQLite files under data/ would wake it on every write.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddPlatform();
builder.AddDatabase();
builder.AddAccounts();
builder.AddApiCsrf();
builder.AddGuessThrottle();
builder.AddAuditLog();
builder.AddNetwork();
builder.AddPeople();
builder.AddCare();
builder.AddWorkOrders();
builder.AddPoints();
builder.AddNotifications();
builder.AddExternalChannels();
builder.AddIntakeApis();
builder.AddRedemption();
builder.AddActivities();
builder.AddStationServices();
builder.AddEvaluation();
builder.AddBackOffice();
builder.AddDemo();

var app = builder.Build();
if (await Commands.RunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

// The EF Core model builds on another core while the pipeline and the routes are set up (docs/architecture.md, Start-up).
app.BuildModelMeanwhile();
app.UsePlatform();
app.UseAuthentication();
app.UseCurrentUser();
app.UseClientAddress();
app.UseRateLimiter();
app.UseAuthorization();
app.UseApiCsrf();
app.UseAntiforgery();
app.MapAccounts();
app.MapApiCsrf();
app.MapAuditLog();
app.MapNetwork();
app.MapPeople();
app.MapCare();
app.MapWorkOrders();
app.MapPoints();
app.MapNotifications();
app.MapOutboxAdmin();
app.MapIntakeApis();
app.MapRedemption();
app.MapActivities();
app.MapStationServices();
app.MapEvaluation();
app.MapBackOffice();
// The endpoints build on one core while the database is prepared on the other (docs/architecture.md, Start-up).
app.BuildEndpointsOnce();
try
{
    await app.PrepareDatabaseAsync();
}
catch (FieldKeyMismatchException mismatch)
{
    // Already logged as critical; said once more plainly for the operator at the console, and a clean exit code.
    await Console.Error.WriteLineAsync("Volunteer96345 refuses to start: " + mismatch.Message);
    return 1;
}

await app.RunAsync();
return 0;
