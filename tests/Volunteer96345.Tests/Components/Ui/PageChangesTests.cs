using System.Globalization;
using System.Reflection;
using AntDesign;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OneOf;
using Volunteer96345.Common.Auth;
using Volunteer96345.Common.Errors;
using Volunteer96345.Common.Web;
using Volunteer96345.Components.Ui;

namespace Volunteer96345.Tests.Components.Ui;

public sealed class PageChangesTests : IDisposable
{
    private static readonly AppError Refused = AppError.Invalid("name", "请填写名称。");

    private readonly List<string> _seen = [];
    private readonly ServiceProvider _services;
    private readonly PageChanges _changes;

    public PageChangesTests()
    {
        var toasts = DispatchProxy.Create<IMessageService, Toasts>();
        ((Toasts)(object)toasts).Seen = _seen;
        _services = new ServiceCollection().AddLogging().AddLocalization().AddScoped<CurrentUser>().AddScoped<Operations>()
            .AddSingleton(toasts).AddSingleton(_seen).AddTransient<Handler>().AddTransient<PageChanges>().BuildServiceProvider();
        _changes = _services.GetRequiredService<PageChanges>();
    }

    [Fact]
    public async Task A_saved_form_closes_then_toasts_then_reloads_and_its_button_spins_only_while_the_handler_runs()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var busyWhileRunning = false;

        var result = await _changes.Save((Handler h) =>
            {
                busyWhileRunning = _changes.Busy;
                return h.Answer(7);
            },
            error: e => _seen.Add($"error: {e?.Message ?? "none"}"), saved: n => _seen.Add($"closed {n}"), reload: Reload);

        Assert.True(busyWhileRunning);
        Assert.False(_changes.Busy);
        Assert.Equal(7, result.Value);
        Assert.Equal(["ran", "error: none", "closed 7", "SuccessAsync: 已保存", "reloaded"], _seen);
    }

    [Fact]
    public async Task A_refused_form_keeps_the_error_beside_its_fields_without_a_toast_or_a_reload()
    {
        var result = await _changes.Save((Handler h) => h.Answer(Refused), error: e => _seen.Add($"error: {e?.For("name")}"),
            saved: _ => _seen.Add("closed"), reload: Reload);

        Assert.False(result.IsOk);
        Assert.False(_changes.Busy);
        Assert.Equal(["ran", "error: 请填写名称。"], _seen);
    }

    [Fact]
    public async Task A_refused_button_toasts_the_message_for_its_field_and_leaves_the_busy_flag_alone()
    {
        var busyWhileRunning = true;

        await _changes.Act((Handler h) =>
        {
            busyWhileRunning = _changes.Busy;
            return h.Answer(AppError.Invalid("status", "不能从此状态变更。") with { Message = "有误" });
        }, reload: Reload, errorField: "status");
        await _changes.Act((Handler h) => h.Answer(Refused), reload: Reload);

        Assert.False(busyWhileRunning);
        Assert.Equal(["ran", "ErrorAsync: 不能从此状态变更。", "ran", "ErrorAsync: 请填写名称。"], _seen);
    }

    [Fact]
    public async Task A_done_button_toasts_its_own_text_made_from_the_result()
    {
        await _changes.Act((Handler h) => h.Answer(3), toast: n => $"已生成 {n} 场", reload: Reload);

        Assert.Equal(["ran", "SuccessAsync: 已生成 3 场", "reloaded"], _seen);
    }

    private Task Reload()
    {
        _seen.Add("reloaded");
        return Task.CompletedTask;
    }

    public void Dispose() => _services.Dispose();

    internal sealed class Handler(List<string> seen)
    {
        public Task<Result<int>> Answer(Result<int> result)
        {
            seen.Add("ran");
            return Task.FromResult(result);
        }
    }

    /// <summary>AntDesign's message service as a list of what was shown, in order.</summary>
    public class Toasts : DispatchProxy
    {
        public List<string> Seen { get; set; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var content = (OneOf<string, RenderFragment, MessageConfig>)args![0]!;
            Seen.Add($"{targetMethod!.Name}: {content.AsT0}");
            return Task.CompletedTask;
        }
    }
}
