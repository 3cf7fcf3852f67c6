using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Volunteer96345.Tests.Common.Notifications;

/// <summary>A real HTTP server on 127.0.0.1 (a free port) that records every POST and answers with the status set for its path.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _status = new();
    private readonly ConcurrentDictionary<string, Func<Task>> _hooks = new();

    private Receiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body, string? ContentType);

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new Receiver(builder.Build());
        receiver._app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Path.Value ?? "/";
            receiver.Requests.Enqueue(new Received(path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body, context.Request.ContentType));
            if (receiver._hooks.TryGetValue(path, out var hook))
            {
                await hook();
            }

            return Results.StatusCode(receiver._status.GetValueOrDefault(path, 200));
        });
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    public string Url(string path) => BaseUrl + path;

    public void Answer(string path, int status) => _status[path] = status;

    /// <summary>Runs <paramref name="hook"/> when a post to <paramref name="path"/> arrives, before answering it.</summary>
    public void OnPost(string path, Func<Task> hook) => _hooks[path] = hook;

    public IReadOnlyList<Received> To(string path) => [.. Requests.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The app with a receiver standing in for the webhook endpoints, the SMS gateway and the city platform.</summary>
public sealed class NotificationsFixture : IAsyncLifetime
{
    public const string WebhookSecret = "webhook-secret-for-tests";
    public const string SmsSecret = "sms-secret-for-tests";

    public AppFixture App { get; private set; } = null!;

    public Receiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await Receiver.StartAsync();
        App = new AppFixture
        {
            Settings =
            {
                ["Notifications:Webhook:Secret"] = WebhookSecret,
                ["Notifications:Sms:GatewayUrl"] = Receiver.Url("/sms"),
                ["Notifications:Sms:Secret"] = SmsSecret,
            },
        };
        await App.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
